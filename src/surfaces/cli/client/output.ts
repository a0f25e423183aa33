// How the terminal commands print: aligned columns for people, one JSON document for scripts
// (--json), progress lines on stderr so that stdout stays parseable.

export interface Output {
  json: boolean;
  /** A result line (stdout). */
  line(text: string): void;
  /** Progress and hints (stderr), never mixed into --json output. */
  progress(text: string): void;
  /** The whole result as JSON (stdout). */
  data(value: unknown): void;
  /** Rows as aligned columns (stdout), or `(none)`. */
  table(headers: string[], rows: Array<Array<string | number | null | undefined>>): void;
}

export function createOutput(json: boolean, write: (s: string) => void, writeErr: (s: string) => void): Output {
  return {
    json,
    line: (text) => write(`${text}\n`),
    progress: (text) => writeErr(`${text}\n`),
    data: (value) => write(`${JSON.stringify(value, null, 2)}\n`),
    table(headers, rows) {
      if (rows.length === 0) return write('(none)\n');
      const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))))];
      const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
      for (const r of cells)
        write(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}\n`);
    },
  };
}
