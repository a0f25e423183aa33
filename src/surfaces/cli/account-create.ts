// `wagate account create --name NAME [--json]`: a new account and its first personal access token.
import type { CoreServices } from '../../core/services.js';

export interface AccountCreateOptions {
  name: string;
  json: boolean;
}

/** Writes the result to `out`; with --json exactly `{"account":{…},"token":"wg_pat_…"}` on one line. */
export async function runAccountCreate(
  services: CoreServices,
  options: AccountCreateOptions,
  out: (line: string) => void,
): Promise<void> {
  const { account, token } = await services.accounts.create({ name: options.name });
  if (options.json) {
    out(
      JSON.stringify({
        account: { id: account.id, name: account.name, created_at: account.createdAt },
        token: token.token,
      }),
    );
    return;
  }
  out(`account ${account.id} (${account.name}) created`);
  out(`token:  ${token.token}`);
  out('This token is shown only once: store it now. Use it as `Authorization: Bearer <token>`.');
}
