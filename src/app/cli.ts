// The `wagate` command line. bin/wagate.js calls main(argv) from dist/. Exit codes: 0 ok, 1 failure,
// 2 usage or configuration error.
import { parseArgs } from 'node:util';
import { runAccountCreate } from '../surfaces/cli/account-create.js';
import { runMigrate } from '../surfaces/cli/migrate.js';
import {
  CLIENT_COMMANDS,
  CLIENT_USAGE,
  ClientError,
  ClientUsageError,
  runClientCommand,
  type ClientCommand,
} from '../surfaces/cli/client/index.js';
import { ConfigError, loadClientEnv, loadConfig, type Config } from './config.js';
import { startSimulator, SimulatorUnavailableError } from './simulator.js';

// The server's modules (store, engine, Fastify, Baileys) load only for the commands that run them:
// a client command (`wagate send …`) starts in a fraction of the time without them.
const serverModules = () => import('./server.js');
const containerModules = () => import('./container.js');

const USAGE: Record<string, string> = {
  main: `Usage: wagate [command] [options]

Commands:
  serve                          Start the API server (default)
  migrate                        Apply database migrations
  account create --name NAME     Create an account and print its first token (--json for scripts)
  sim [--port P] [--data-dir D]  Run the WhatsApp simulator alone

Client commands (talk to a running server: --url/WAGATE_URL, --token/WAGATE_TOKEN, --json):
  sessions list|status|link|logout   Sessions; \`link NAME\` draws the QR here until connected
  send SESSION --to N --text T       Send a message (or --image/--video/--audio/--document URL)
  tokens list|create|revoke          Personal access tokens
  webhooks list|test|replay          Webhook subscriptions and event replay

Configuration comes from WAGATE_* environment variables (see README.md).
Run \`wagate <command> --help\` for a command's options.`,
  serve: `Usage: wagate serve [--simulator]

Starts the API server on WAGATE_HOST:WAGATE_PORT (default 127.0.0.1:3000), migrating the database first.
On the first start with an empty database it creates an account and prints its token once.

  --simulator   also start the built-in WhatsApp simulator and connect every session to it
                (same as WAGATE_SIMULATOR=1; offline demo and tests)`,
  migrate: `Usage: wagate migrate

Applies pending migrations to the configured database (WAGATE_DATABASE_URL, default ./data/wagate.db).`,
  account: `Usage: wagate account create --name NAME [--json]

Creates an account on the configured database and prints its first personal access token.
  --name NAME   account name (required)
  --json        print {"account":{"id":…,"name":…,"created_at":…},"token":"wg_pat_…"}`,
  sim: `Usage: wagate sim [--port P] [--data-dir D]

Runs the local WhatsApp simulator and prints its WebSocket and control URLs.
  --port P       port to listen on (default WAGATE_SIMULATOR_PORT, or WAGATE_PORT+1)
  --data-dir D   where the simulator keeps its state (default: memory only)`,
};

class UsageError extends Error {}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export async function main(argv: string[]): Promise<void> {
  try {
    await run(argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof UsageError || err instanceof ClientUsageError) {
      process.stderr.write(`wagate: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (err instanceof SimulatorUnavailableError || err instanceof ClientError) {
      process.stderr.write(`wagate: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`wagate: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}

async function run(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] =
    argv[0]?.startsWith('-') && argv[0] !== '--help' && argv[0] !== '-h' ? ['serve', ...argv] : argv;
  if (command === '--help' || command === '-h' || command === 'help') return out(USAGE.main!);
  if (rest.includes('--help') || rest.includes('-h'))
    return out(USAGE[command] ?? CLIENT_USAGE[command] ?? USAGE.main!);
  if ((CLIENT_COMMANDS as readonly string[]).includes(command)) {
    const io = {
      env: loadClientEnv(process.env),
      write: (s: string) => void process.stdout.write(s),
      writeErr: (s: string) => void process.stderr.write(s),
      isTty: process.stdout.isTTY === true,
    };
    return runClientCommand(command as ClientCommand, rest, io);
  }
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'migrate':
      return migrate(rest);
    case 'account':
      return account(rest);
    case 'sim':
      return sim(rest);
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE.main}`);
  }
}

function config(): Config {
  return loadConfig(process.env, { isTty: process.stdout.isTTY === true });
}

function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
  }
}

async function serve(args: string[]): Promise<void> {
  const { values } = parse(args, { simulator: { type: 'boolean' } }, USAGE.serve!);
  const cfg = config();
  // `--simulator` is WAGATE_SIMULATOR=1 on the command line (`npm start -- --simulator`).
  const { startServer } = await serverModules();
  await startServer(values.simulator === true ? { ...cfg, simulator: { ...cfg.simulator, enabled: true } } : cfg);
}

async function migrate(args: string[]): Promise<void> {
  parse(args, {}, USAGE.migrate!);
  const { createStore } = await containerModules();
  const store = await createStore(config().database);
  try {
    await runMigrate(store, out);
  } finally {
    await store.close();
  }
}

async function account(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { name: { type: 'string' }, json: { type: 'boolean' } }, USAGE.account!);
  if (positionals[0] !== 'create' || positionals.length !== 1) throw new UsageError(USAGE.account!);
  if (!values.name) throw new UsageError(`--name is required\n\n${USAGE.account}`);
  const cfg = config();
  // Logs go to stdout, which scripts parse: keep only errors.
  const { createContainer } = await containerModules();
  const container = await createContainer({ ...cfg, log: { ...cfg.log, level: 'error' } });
  try {
    await container.store.migrate();
    await runAccountCreate(container.services, { name: values.name, json: values.json === true }, out);
  } finally {
    await container.close();
  }
}

async function sim(args: string[]): Promise<void> {
  const { values } = parse(args, { port: { type: 'string' }, 'data-dir': { type: 'string' } }, USAGE.sim!);
  const cfg = config();
  const port = values.port === undefined ? cfg.simulator.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number\n\n${USAGE.sim}`);
  const handle = await startSimulator({ port, ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) });
  // `on`, not `once`: a second signal while closing must not fall back to the default (killed by
  // the signal); the first one already started a clean stop.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    handle.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Printed only once the handlers are in place: a caller may signal as soon as it reads these.
  out(`simulator WebSocket: ${handle.wsUrl}`);
  out(`simulator control:   ${handle.controlUrl}`);
}
