// Child-process probe for the cert canary: runs under `--import sim/preload/trust-sim-root.mjs`,
// reports the root Baileys now trusts and whether a handshake with the simulator (SIM_WS) shows a QR.
import { WA_CERT_DETAILS } from 'baileys/lib/Defaults/index.js';
import { startClient } from './client.js';

const client = startClient(process.env.SIM_WS!);
const result = await client
  .waitForUpdate((u) => !!u.qr || u.connection === 'close', 10_000)
  .then((u) => ({ qr: !!u.qr }))
  .catch((err: Error) => ({ qr: false, error: err.message }));
await client.end();
console.log(JSON.stringify({ root: Buffer.from(WA_CERT_DETAILS.PUBLIC_KEY).toString('hex'), ...result }));
process.exit(0);
