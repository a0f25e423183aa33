// Entry of the client commands: resolve where the server is and which token to use (flags first,
// then WAGATE_URL / WAGATE_TOKEN), then run the command. app/cli.ts passes the environment in.
import { parseArgs } from 'node:util';
import { createApiClient } from './api.js';
import { CLIENT_RUNNERS, ClientUsageError, type ClientCommand } from './commands.js';
import { createOutput } from './output.js';

export { ClientError } from './api.js';
export { CLIENT_COMMANDS, ClientUsageError, type ClientCommand } from './commands.js';
export { CLIENT_USAGE } from './usage.js';

export interface ClientIo {
  env: { WAGATE_URL?: string | undefined; WAGATE_TOKEN?: string | undefined };
  write(s: string): void;
  writeErr(s: string): void;
  isTty: boolean;
}

export async function runClientCommand(command: ClientCommand, args: string[], io: ClientIo): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { url: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' } },
    strict: false,
    allowPositionals: true,
  });
  const url = typeof values.url === 'string' ? values.url : io.env.WAGATE_URL || 'http://127.0.0.1:3000';
  const token = typeof values.token === 'string' ? values.token : io.env.WAGATE_TOKEN;
  if (!/^https?:\/\/[^/]+/.test(url))
    throw new ClientUsageError(`the server URL must be http(s)://host[:port] (got "${url}"; --url or WAGATE_URL)`);
  if (!token) {
    throw new ClientUsageError(
      'no API token: pass --token wg_pat_… or set WAGATE_TOKEN (the server printed one at its first start; `wagate account create` makes another)',
    );
  }
  const out = createOutput(values.json === true, io.write, io.writeErr);
  await CLIENT_RUNNERS[command](
    { api: createApiClient(url, token), out, isTty: io.isTty && values.json !== true },
    args,
  );
}
