/**
 * Standalone simulator: `node --import tsx sim/src/cli.ts [--port P] [--host H] [--data-dir D]`.
 * (`wagate sim` does the same through the product's CLI.) Prints both URLs; stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './index.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' } },
});
const port = Number(values.port ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('usage: sim/src/cli.ts [--port P] [--host H] [--data-dir D]');
  process.exit(2);
}
const sim = await startSimulator({
  port,
  ...(values.host ? { host: values.host } : {}),
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
});
console.log(`simulator WebSocket: ${sim.wsUrl}`);
console.log(`simulator control:   ${sim.controlUrl}`);
const stop = (): void => {
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
