/**
 * `POST /sim/accounts/{phone}/messages` bodies beyond `{to, text}`: the kind is named by the field
 * the body carries (as wagate's own API does).
 *
 *   {to, image|video|audio|document|sticker: {base64, mimetype?, caption?, file_name?, ptt?}}
 *   {to, reaction: {id, emoji}}     ("" removes)
 *   {to, edit: {id, text}}
 *   {to, revoke: {id}}
 *   {to, location: {latitude, longitude, name?, address?}}
 *   {to, contacts: [{name, phone}]}
 *   {to, poll: {question, options: string[], multi_select?}}
 */
import { randomBytes } from 'node:crypto';
import { contacts, location, poll } from '../phone/compose.js';
import type { SimPhone } from '../phone/index.js';
import type { SendableKind } from '../phone/media.js';

export class InvalidBody extends Error {
  override name = 'InvalidBody';
}

const DEFAULT_MIME: Record<SendableKind, string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  audio: 'audio/ogg; codecs=opus',
  document: 'application/octet-stream',
  sticker: 'image/webp',
};
const MEDIA_KINDS = Object.keys(DEFAULT_MIME) as SendableKind[];

type Body = Record<string, unknown>;

function obj(body: Body, key: string): Body {
  const v = body[key];
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InvalidBody(`"${key}" must be an object`);
  return v as Body;
}

function str(body: Body, key: string, where: string, allowEmpty = false): string {
  const v = body[key];
  if (typeof v !== 'string' || (!allowEmpty && !v)) throw new InvalidBody(`"${where}.${key}" (string) is required`);
  return v;
}

const optStr = (body: Body, key: string): string | undefined =>
  typeof body[key] === 'string' && body[key] ? (body[key] as string) : undefined;

/** True when the body names a kind this module sends (anything but plain text). */
export function isKindBody(body: Body): boolean {
  return (
    MEDIA_KINDS.some((k) => k in body) ||
    ['reaction', 'edit', 'revoke', 'location', 'contacts', 'poll'].some((k) => k in body)
  );
}

export async function sendKind(phone: SimPhone, to: string, body: Body): Promise<{ id: string }> {
  const kind = MEDIA_KINDS.find((k) => k in body);
  if (kind) {
    const m = obj(body, kind);
    const base64 = str(m, 'base64', kind);
    const data = Buffer.from(base64.replace(/^data:[^,]*,/, ''), 'base64');
    if (!data.length) throw new InvalidBody(`"${kind}.base64" decodes to nothing`);
    const caption = optStr(m, 'caption');
    const fileName = optStr(m, 'file_name');
    return phone.sendMedia(to, kind, {
      data,
      mimetype: optStr(m, 'mimetype') ?? DEFAULT_MIME[kind]!,
      ...(caption ? { caption } : {}),
      ...(fileName ? { fileName } : {}),
      ...(m.ptt === true || m.voice === true ? { ptt: true } : {}),
    });
  }
  if ('reaction' in body) {
    const r = obj(body, 'reaction');
    return phone.sendReaction(to, str(r, 'id', 'reaction'), str(r, 'emoji', 'reaction', true));
  }
  if ('edit' in body) {
    const e = obj(body, 'edit');
    return phone.sendEdit(to, str(e, 'id', 'edit'), str(e, 'text', 'edit'));
  }
  if ('revoke' in body) return phone.sendRevoke(to, str(obj(body, 'revoke'), 'id', 'revoke'));
  if ('location' in body) {
    const l = obj(body, 'location');
    if (typeof l.latitude !== 'number' || typeof l.longitude !== 'number')
      throw new InvalidBody('"location.latitude" and "location.longitude" (numbers) are required');
    return phone.sendMessage(to, location(l.latitude, l.longitude, optStr(l, 'name'), optStr(l, 'address')));
  }
  if ('contacts' in body) {
    const list = body.contacts;
    if (!Array.isArray(list) || !list.length)
      throw new InvalidBody('"contacts" must be a non-empty array of {name, phone}');
    return phone.sendMessage(
      to,
      contacts(
        list.map((c: unknown, i) => {
          const card = (c && typeof c === 'object' ? c : {}) as Body;
          return { name: str(card, 'name', `contacts[${i}]`), phone: str(card, 'phone', `contacts[${i}]`) };
        }),
      ),
    );
  }
  if ('poll' in body) {
    const p = obj(body, 'poll');
    const options = p.options;
    if (!Array.isArray(options) || options.length < 2 || !options.every((o) => typeof o === 'string' && o))
      throw new InvalidBody('"poll.options" must be at least 2 strings');
    return phone.sendMessage(
      to,
      poll(str(p, 'question', 'poll'), options as string[], p.multi_select !== false, randomBytes(32)),
    );
  }
  throw new InvalidBody(
    'the body names no message kind (text, image, video, audio, document, sticker, reaction, edit, revoke, location, contacts, poll)',
  );
}
