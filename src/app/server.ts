// Starts the whole server: (simulator if asked) → container → migrate → first-run account →
// HTTP listen → background work. Stops gracefully on SIGINT/SIGTERM.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { firstRunMessage } from '../surfaces/cli/first-run.js';
import { buildApp } from './build-app.js';
import type { Config } from './config.js';
import { createContainer, type Container } from './container.js';
import { startSimulator, type SimulatorHandle } from './simulator.js';

export interface RunningServer {
  app: FastifyInstance;
  container: Container;
  /** `http://host:port` actually listened on. */
  url: string;
  simulator: SimulatorHandle | null;
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** Where the first-run token and other human-facing lines go (default: stdout). */
  print?: (line: string) => void;
  /** Install SIGINT/SIGTERM handlers that close and exit (default true). */
  handleSignals?: boolean;
}

export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const simulator = config.simulator.enabled
    ? await startSimulator({ port: config.simulator.port, dataDir: join(config.dataDir, 'sim') })
    : null;
  // Simulator mode: every session talks to the simulator and trusts its certificate root and media CA.
  const container = await createContainer(
    config,
    simulator
      ? {
          waWebSocketUrl: simulator.wsUrl,
          ...(simulator.mediaCaPem ? { mediaCaPem: [simulator.mediaCaPem] } : {}),
          ...(simulator.rootPublicKey ? { trustServerRoot: simulator.rootPublicKey } : {}),
        }
      : {},
  );
  let app: FastifyInstance | undefined;
  try {
    const applied = await container.store.migrate();
    if (applied.length > 0) container.logger.info({ applied }, 'database migrated');
    const first = await container.services.accounts.createFirstIfEmpty();
    app = await buildApp(container, { simulatorControlUrl: simulator?.controlUrl ?? null });
    await app.listen({ host: config.server.host, port: config.server.port });
    const url = baseUrl(app, config.server.host);
    if (first) firstRunMessage(first, url).forEach((line) => print(line));
    print(`  wagate: dashboard at ${url}/ (sign in with a personal access token)`);
    if (simulator) simulatorMessage(simulator, url).forEach((line) => print(line));
    await container.start();

    let closing: Promise<void> | undefined;
    const running: RunningServer = {
      app,
      container,
      url,
      simulator,
      close: () =>
        (closing ??= (async () => {
          await app?.close();
          await container.close();
          await simulator?.close();
        })()),
    };
    if (options.handleSignals ?? true) installSignalHandlers(running);
    // Logged once the signal handlers are in place: scripts may send SIGTERM as soon as they read it.
    container.logger.info({ url, store: container.store.dialect }, 'wagate listening');
    return running;
  } catch (err) {
    await app?.close().catch(() => {});
    await container.close().catch(() => {});
    await simulator?.close().catch(() => {});
    throw err;
  }
}

/**
 * SIGINT/SIGTERM: stop taking work and drain what is in flight (HTTP requests finish, webhook
 * attempts get their answer, a send handed to WhatsApp gets its ack) for at most
 * WAGATE_SHUTDOWN_TIMEOUT; past it, exit anyway. Nothing is lost then either: an unanswered webhook
 * attempt's lease expires and it is retried, a message not yet acknowledged is sent at the next start.
 */
function installSignalHandlers(server: RunningServer): void {
  const logger = server.container.logger;
  const timeoutMs = server.container.config.ops.shutdownTimeoutMs;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means "now".
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal, timeoutMs }, 'stopping: draining in-flight work');
    const deadline = setTimeout(() => {
      logger.warn(
        { timeoutMs },
        'shutdown deadline passed: exiting with work still in flight (it resumes at the next start)',
      );
      process.exit(1);
    }, timeoutMs);
    server.close().then(
      () => {
        clearTimeout(deadline);
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function baseUrl(app: FastifyInstance, host: string): string {
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** How to link a simulated phone in demo mode, printed at start. */
function simulatorMessage(sim: { wsUrl: string; controlUrl: string }, url: string): string[] {
  const auth = '-H "Authorization: Bearer $TOKEN"';
  const json = "-H 'Content-Type: application/json'";
  return [
    '',
    `  Simulator mode: sessions connect to the built-in WhatsApp simulator at ${sim.wsUrl}`,
    `  (its control API: ${sim.controlUrl}/sim/, see sim/README.md).`,
    `  One-click demo: open ${url}/ , sign in, press "Link a demo session with one click", send a message.`,
    '  Or by hand, to link a simulated phone:',
    `    1. a phone:   curl -X POST ${json} -d '{"phone":"15550001111"}' ${sim.controlUrl}/sim/accounts`,
    `    2. a session: curl -X POST ${auth} ${url}/v1/sessions          (note its id)`,
    `                  curl -X POST ${auth} ${url}/v1/sessions/ID/connect`,
    `    3. its QR:    curl ${auth} ${url}/v1/sessions/ID/qr`,
    `    4. scan it:   curl -X POST ${json} -d '{"qr":"<the qr string>"}' ${sim.controlUrl}/sim/accounts/15550001111/link`,
    `  A second phone (another number) can then message it: POST ${sim.controlUrl}/sim/accounts/<phone>/messages {"to","text"}`,
    '',
  ];
}
