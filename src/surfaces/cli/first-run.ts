// What the server prints on its first start with an empty database: the new account's token, once,
// and how to use it.
import type { CreatedAccount } from '../../core/accounts/account.service.js';

export function firstRunMessage(created: CreatedAccount, baseUrl: string): string[] {
  return [
    '',
    '  wagate: first start, created an account and its personal access token:',
    '',
    `    account: ${created.account.id}`,
    `    token:   ${created.token.token}`,
    '',
    '  The token is shown only this once: store it now. Try it:',
    `    curl -H "Authorization: Bearer ${created.token.token}" ${baseUrl}/v1/sessions`,
    `  API docs: ${baseUrl}/docs`,
    '',
  ];
}
