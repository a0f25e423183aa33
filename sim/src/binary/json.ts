import type { BinaryNode } from './types.js';

/** JSON form of a node for the state file: byte content as `{ b64 }`. */
export interface NodeJson {
  tag: string;
  attrs: Record<string, string>;
  content?: NodeJson[] | string | { b64: string };
}

export function nodeToJson(n: BinaryNode): NodeJson {
  const out: NodeJson = { tag: n.tag, attrs: n.attrs };
  if (Array.isArray(n.content)) out.content = n.content.map(nodeToJson);
  else if (typeof n.content === 'string') out.content = n.content;
  else if (n.content instanceof Uint8Array) out.content = { b64: Buffer.from(n.content).toString('base64') };
  return out;
}

export function nodeFromJson(j: NodeJson): BinaryNode {
  const out: BinaryNode = { tag: j.tag, attrs: j.attrs };
  if (Array.isArray(j.content)) out.content = j.content.map(nodeFromJson);
  else if (typeof j.content === 'string') out.content = j.content;
  else if (j.content) out.content = new Uint8Array(Buffer.from(j.content.b64, 'base64'));
  return out;
}
