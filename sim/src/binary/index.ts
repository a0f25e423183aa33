export type { BinaryNode } from './types.js';
export { encodeFrame } from './encode.js';
export { decodeFrame } from './decode.js';
export { child, children, firstChild, bytesOf, textOf, node, nodeToString } from './nodes.js';
export { parseJid, formatJid, bareJid, S_WHATSAPP_NET, type Jid } from './jid.js';
