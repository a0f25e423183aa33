// Compares a JSON answer with a documented example by shape: the same keys, the same JSON types,
// the same nesting. `null` on either side matches any type (the vendor's examples show nullable
// fields either way); each element of an array must match one of the example's elements.
// Known deviations are given as paths (`data.webhook_secret`, `data[].auto_reject_calls`) and
// are skipped; `opaque` paths are compared as "an object" without looking inside.

export interface Deviations {
  /** Keys wagate adds that the example does not show. */
  extra?: string[];
  /** Keys of the example wagate does not return. */
  missing?: string[];
  /** Compared only as objects (their content depends on the message). */
  opaque?: string[];
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Every shape difference between `actual` and `expected`, as readable lines (empty = same shape). */
export function shapeDiff(expected: unknown, actual: unknown, dev: Deviations = {}, path = ''): string[] {
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te === 'null' || ta === 'null') return [];
  if (te !== ta) return [`${path || '(root)'}: expected ${te}, got ${ta}`];
  if (dev.opaque?.includes(path)) return [];
  if (te === 'array') {
    // Each element must have the shape of one of the example's elements (they may differ, as
    // `{id}` and `{id, admin}` do); otherwise the differences from the first are reported.
    const examples = expected as unknown[];
    if (examples.length === 0) return [];
    return (actual as unknown[]).flatMap((a) => {
      const diffs = examples.map((e) => shapeDiff(e, a, dev, `${path}[]`));
      return diffs.some((d) => d.length === 0) ? [] : (diffs[0] ?? []);
    });
  }
  if (te !== 'object') return [];
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const out: string[] = [];
  const at = (k: string) => (path ? `${path}.${k}` : k);
  for (const k of Object.keys(e)) {
    if (!(k in a)) {
      if (!dev.missing?.includes(at(k))) out.push(`${at(k)}: missing`);
      continue;
    }
    out.push(...shapeDiff(e[k], a[k], dev, at(k)));
  }
  for (const k of Object.keys(a)) {
    if (!(k in e) && !dev.extra?.includes(at(k))) out.push(`${at(k)}: not in the example`);
  }
  return out;
}
