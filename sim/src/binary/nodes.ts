import type { BinaryNode } from './types.js';

/** Small readers for stanzas; every handler uses these instead of walking `content` by hand. */
export function children(node: BinaryNode | undefined, tag?: string): BinaryNode[] {
  if (!node || !Array.isArray(node.content)) return [];
  return tag ? node.content.filter((c) => c.tag === tag) : node.content;
}

export function child(node: BinaryNode | undefined, tag: string): BinaryNode | undefined {
  return children(node, tag)[0];
}

export function firstChild(node: BinaryNode | undefined): BinaryNode | undefined {
  return children(node)[0];
}

export function bytesOf(node: BinaryNode | undefined): Uint8Array | undefined {
  if (!node) return undefined;
  if (node.content instanceof Uint8Array) return node.content;
  if (typeof node.content === 'string') return Buffer.from(node.content, 'utf8');
  return undefined;
}

export function textOf(node: BinaryNode | undefined): string | undefined {
  const b = bytesOf(node);
  return b ? Buffer.from(b).toString('utf8') : undefined;
}

export function node(
  tag: string,
  attrs: Record<string, string | undefined> = {},
  content?: BinaryNode['content'],
): BinaryNode {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = v;
  return content === undefined ? { tag, attrs: clean } : { tag, attrs: clean, content };
}

/** A one-line XML-ish rendering for logs and `unhandled()` reports. */
export function nodeToString(n: BinaryNode, depth = 0): string {
  const attrs = Object.entries(n.attrs)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  const c = n.content;
  if (c === undefined) return `<${n.tag}${attrs}/>`;
  let inner: string;
  if (Array.isArray(c)) inner = depth > 6 ? '…' : c.map((x) => nodeToString(x, depth + 1)).join('');
  else if (typeof c === 'string') inner = c;
  else inner = c.length > 64 ? `[${c.length} bytes]` : Buffer.from(c).toString('hex');
  return `<${n.tag}${attrs}>${inner}</${n.tag}>`;
}
