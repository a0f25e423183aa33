// libsignal (Baileys' Signal implementation) has no logger option: it writes to the global console,
// and some of its lines print a whole SessionEntry (private keys, root and chain keys), e.g.
// `Closing session: SessionEntry {…}` on reconnects. This filter catches exactly the console calls
// made from libsignal's own files and hands their text, without any object argument, to our logger
// at debug level; every other console call (ours, other libraries') passes through untouched.
import type { PinoLike } from './logger.js';

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
type ConsoleMethod = (typeof METHODS)[number];

/** A stack frame in libsignal's sources (any copy: Baileys' and the simulator's). */
const LIBSIGNAL_FRAME = /[\\/]node_modules[\\/]libsignal[\\/]/;

/** Installed at most once per process: console is global, so is the filter. */
let installed: { target: PinoLike } | null = null;

/** Whether the console call being made right now comes from libsignal (its caller's frame). */
function calledFromLibsignal(): boolean {
  const limit = Error.stackTraceLimit;
  // This function, the console wrapper, then the caller: three frames are enough.
  Error.stackTraceLimit = 3;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const caller = stack.split('\n')[3] ?? '';
  return LIBSIGNAL_FRAME.test(caller);
}

/**
 * The message of a libsignal console call, keeping only leading plain strings (its messages are
 * a fixed text followed by the object it is about, which is what must never be printed).
 */
export function signalConsoleText(args: unknown[]): string {
  const words: string[] = [];
  for (const a of args) {
    if (typeof a !== 'string') break;
    words.push(a);
  }
  const text = words.join(' ').trim().replace(/:$/, '');
  return text.slice(0, 200) || 'libsignal console output';
}

/**
 * Routes libsignal's console output to `logger` (debug, component libsignal). Later calls only
 * change the target logger, so the last engine factory built decides where the lines go.
 */
export function routeSignalConsole(logger: PinoLike): void {
  if (installed) {
    installed.target = logger;
    return;
  }
  const state = { target: logger };
  installed = state;
  for (const method of METHODS) {
    const original = console[method].bind(console) as (...args: unknown[]) => void;
    const filtered = (...args: unknown[]): void => {
      if (!calledFromLibsignal()) return original(...args);
      state.target.debug({ component: 'libsignal', console: method }, signalConsoleText(args));
    };
    (console as unknown as Record<ConsoleMethod, (...args: unknown[]) => void>)[method] = filtered;
  }
}
