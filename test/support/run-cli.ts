// Runs the CLI from source (what bin/wagate.js runs from dist/), for tests that spawn it:
//   node --import tsx test/support/run-cli.ts account create --name x --json
import { main } from '../../src/app/cli.js';

await main(process.argv.slice(2));
