/**
 * A WhatsApp binary XML node ("stanza"), in the same shape Baileys uses so stanzas read the same in
 * logs on both sides. The simulator has its own codec for it (sim/src/binary/), never Baileys'.
 */
export interface BinaryNode {
  tag: string;
  attrs: Record<string, string>;
  content?: BinaryNode[] | Uint8Array | string;
}
