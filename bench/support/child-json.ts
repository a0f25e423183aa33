// Starts a Node child process (with tsx) and resolves with the first line it prints, parsed as JSON:
// the benches' servers and the simulator announce their URLs that way.
import { spawn, type ChildProcess } from 'node:child_process';

export async function spawnJsonLine<T>(args: string[]): Promise<{ child: ChildProcess; info: T }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before announcing itself`)));
  });
  return { child, info: JSON.parse(line) as T };
}
