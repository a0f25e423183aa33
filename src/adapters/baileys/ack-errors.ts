// WhatsApp's reasons for refusing a message after it left us (an `<ack class="message" error=…>`;
// Baileys puts the code in the update's stub parameters). The failed message's `error` starts with
// our code when we know what the number means, so clients can branch on it (docs/errors.md).

/** Error codes of a message ack that we can name. */
const KNOWN_ACK_ERRORS: Record<string, { code: string; message: string }> = {
  // Baileys calls it SMAX_INVALID ("stanza rejected"); a send to a number with no WhatsApp account ends so.
  '479': {
    code: 'RECIPIENT_NOT_ON_WHATSAPP',
    message: 'the recipient is not on WhatsApp (check the number and its country code)',
  },
};

/** The failed message's `error`: `CODE: explanation` for known codes, else WhatsApp's number. */
export function ackError(params: unknown): string {
  const code = Array.isArray(params) && params.length ? String(params[0]) : null;
  if (code === null) return 'WhatsApp refused the message';
  const known = KNOWN_ACK_ERRORS[code];
  if (known) return `${known.code}: WhatsApp refused the message: ${known.message} (error ${code})`;
  return `WhatsApp refused the message (error ${code})`;
}
