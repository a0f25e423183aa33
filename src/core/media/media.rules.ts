// The media rules, as pure functions: size limits per kind, which types each kind may carry, and
// whether what a client claims about a file agrees with what its bytes say (magic numbers).
// Limits are the most generous seed's upload limits (API-CATALOG §4.4, C27), the most generous of the seeds.
import { InvalidError, TooLargeError } from '../errors.js';
import type { MediaKind } from './media.types.js';

const MB = 1024 * 1024;

/** Largest file per kind, in bytes. */
export const MEDIA_LIMITS: Record<MediaKind, number> = {
  document: 100 * MB,
  image: 16 * MB,
  video: 50 * MB,
  audio: 16 * MB,
  sticker: 5 * MB,
};

/** The largest of all limits: an upload that does not name its kind is read up to this. */
export const MAX_MEDIA_BYTES = Math.max(...Object.values(MEDIA_LIMITS));

/** Types each kind accepts (by essence, without parameters); documents take anything. */
const KIND_TYPES: Record<Exclude<MediaKind, 'document'>, readonly string[]> = {
  image: ['image/jpeg', 'image/png', 'image/webp'],
  video: ['video/mp4', 'video/3gpp'],
  audio: ['audio/aac', 'audio/mp4', 'audio/x-m4a', 'audio/mpeg', 'audio/amr', 'audio/ogg', 'audio/opus'],
  sticker: ['image/webp'],
};

/** `Image/JPEG; charset=x` → `image/jpeg`. */
export function essence(mimetype: string): string {
  return (mimetype.split(';')[0] ?? '').trim().toLowerCase();
}

/** Whether stored media of this type may be sent as `kind`. */
export function typeFitsKind(mimetype: string, kind: MediaKind): boolean {
  if (kind === 'document') return true;
  return KIND_TYPES[kind].includes(essence(mimetype));
}

/** The kinds a type may be sent as (for error messages). */
export function allowedTypes(kind: MediaKind): readonly string[] | null {
  return kind === 'document' ? null : KIND_TYPES[kind];
}

/** The size category of content of this type, when no kind is named (an upload). */
export function categoryOf(mimetype: string): MediaKind {
  const e = essence(mimetype);
  if (e.startsWith('image/')) return 'image';
  if (e.startsWith('video/')) return 'video';
  if (e.startsWith('audio/')) return 'audio';
  return 'document';
}

/** Other spellings clients use for the types file-type reports. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-mp3': 'audio/mpeg',
  'audio/x-mpeg': 'audio/mpeg',
  'audio/wave': 'audio/wav',
  'audio/x-wav': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/m4a': 'audio/x-m4a',
  'audio/x-aac': 'audio/aac',
  'text/xml': 'application/xml',
  'application/x-zip-compressed': 'application/zip',
  'video/x-m4v': 'video/mp4',
  'audio/opus': 'audio/ogg',
};

/**
 * Containers that file-type reports by their generic name while the client may name what is inside:
 * a .docx is a zip, a .doc a CFB file, an .m4a an MP4, a voice note an Ogg file. The client's more
 * specific claim is kept when the bytes show the container.
 */
const CONTAINERS: Record<string, readonly string[]> = {
  'application/zip': [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation',
    'application/epub+zip',
    'application/java-archive',
    'application/vnd.android.package-archive',
  ],
  'application/x-cfb': [
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
    'application/vnd.ms-outlook',
    'application/x-msi',
  ],
  'video/mp4': ['audio/mp4', 'audio/x-m4a', 'audio/aac'],
  'audio/x-m4a': ['audio/mp4', 'video/mp4'],
  'audio/mp4': ['audio/x-m4a', 'video/mp4'],
  'audio/ogg': ['application/ogg', 'video/ogg'],
  'application/ogg': ['audio/ogg', 'video/ogg'],
  'video/ogg': ['audio/ogg', 'application/ogg'],
  'video/webm': ['audio/webm'],
  'video/3gpp': ['audio/3gpp', 'audio/amr'],
};

/** Types file-type cannot see (plain text and its relatives): a claim of these is taken as it is. */
function isTextual(e: string): boolean {
  return (
    e.startsWith('text/') ||
    [
      'application/json',
      'application/xml',
      'application/javascript',
      'application/x-ndjson',
      'application/rtf',
      'image/svg+xml',
      'application/x-yaml',
      'application/yaml',
    ].includes(e)
  );
}

/** A claim that says nothing about the content. */
function isGeneric(e: string): boolean {
  return e === '' || e === 'application/octet-stream' || e === 'binary/octet-stream' || e === 'application/binary';
}

export type TypeDecision = { ok: true; mimetype: string } | { ok: false; reason: string };

/**
 * Decides the stored type from what the bytes show (`detected`, from magic numbers; null when
 * file-type knows no signature) and what the client claims (`claimed`, may be null).
 * - bytes recognised: the claim must agree (same type, an alias, or a type inside that container);
 * - bytes not recognised: only a textual or generic claim is believable (a text file sent as
 *   image/png is refused); without a claim it is application/octet-stream.
 */
export function decideType(detected: string | null, claimed: string | null): TypeDecision {
  const claim = claimed ? essence(claimed) : '';
  const canonicalClaim = ALIASES[claim] ?? claim;
  if (detected) {
    const d = essence(detected);
    if (isGeneric(claim)) return { ok: true, mimetype: detected };
    if (canonicalClaim === d) {
      // Keep the claim's parameters when it names the same type (`audio/ogg; codecs=opus`).
      return { ok: true, mimetype: claimed?.includes(';') ? normalise(claimed) : detected };
    }
    if ((CONTAINERS[d] ?? []).includes(canonicalClaim))
      return { ok: true, mimetype: claimed ? normalise(claimed) : detected };
    return { ok: false, reason: `the content is ${d}, not ${claim}` };
  }
  if (isGeneric(claim)) return { ok: true, mimetype: 'application/octet-stream' };
  if (isTextual(canonicalClaim)) return { ok: true, mimetype: claimed ? normalise(claimed) : canonicalClaim };
  return { ok: false, reason: `the content does not look like ${claim}` };
}

/** Lower-cases the essence and drops spaces around parameters: `Audio/OGG ; codecs=opus` → `audio/ogg; codecs=opus`. */
function normalise(mimetype: string): string {
  const [head, ...params] = mimetype.split(';');
  const e = ALIASES[essence(head ?? '')] ?? essence(head ?? '');
  const p = params.map((x) => x.trim()).filter(Boolean);
  return p.length ? `${e}; ${p.join('; ')}` : e;
}

/** A file extension for a type (for file names and public URLs); `bin` when unknown. */
export function extensionFor(mimetype: string, detectedExt: string | null = null): string {
  if (detectedExt) return detectedExt;
  const e = essence(mimetype);
  const known: Record<string, string> = {
    'image/jpeg': 'jpg',
    'image/png': 'png',
    'image/webp': 'webp',
    'image/gif': 'gif',
    'video/mp4': 'mp4',
    'video/3gpp': '3gp',
    'audio/ogg': 'ogg',
    'audio/mpeg': 'mp3',
    'audio/aac': 'aac',
    'audio/mp4': 'm4a',
    'audio/x-m4a': 'm4a',
    'audio/amr': 'amr',
    'application/pdf': 'pdf',
    'text/plain': 'txt',
    'text/csv': 'csv',
    'application/json': 'json',
    'application/xml': 'xml',
    'application/msword': 'doc',
    'application/vnd.ms-excel': 'xls',
    'application/vnd.ms-powerpoint': 'ppt',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
    'application/zip': 'zip',
  };
  return known[e] ?? /^[a-z0-9]{1,8}$/.exec(e.split('/')[1] ?? '')?.[0] ?? 'bin';
}

/** `16 MB` for error messages. */
export function formatLimit(bytes: number): string {
  return bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes} bytes`;
}

/** Decodes standard or URL-safe base64. */
export function decodeBase64(v: string): Buffer {
  return Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** A file name shown to recipients: no path separators, no control characters, 1 to 255 characters. */
export function isPlainFileName(v: string): boolean {
  return v.length >= 1 && v.length <= 255 && /^[^\u0000-\u001f\u007f/\\]+$/.test(v);
}

/** Base64 (standard or URL-safe) that decodes to exactly `length` bytes. */
export function isBase64OfLength(v: string, length: number): boolean {
  return v.length <= 1024 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && decodeBase64(v).length === length;
}

/** Type and size rules of a kind; `typeRules` false for uploads (only the size category applies). */
export function assertFitsKind(mimetype: string, size: number, kind: MediaKind, field: string, typeRules = true): void {
  if (typeRules && !typeFitsKind(mimetype, kind)) {
    throw new InvalidError(
      `${field}: ${essence(mimetype)} cannot be sent as ${kind === 'image' ? 'an' : 'a'} ${kind}; allowed: ${allowedTypes(kind)?.join(', ')}`,
      {
        code: 'MEDIA_TYPE_NOT_ALLOWED',
        field,
        context: { mimetype: essence(mimetype), kind },
      },
    );
  }
  if (size > MEDIA_LIMITS[kind]) throw mediaTooLarge(field, MEDIA_LIMITS[kind], kind);
}

/** 413 MEDIA_TOO_LARGE naming the limit (and the kind, when the kind's limit applies). */
export function mediaTooLarge(field: string, limit: number, kind?: MediaKind): TooLargeError {
  const what = kind
    ? `the limit of ${formatLimit(limit)} for ${kind === 'document' ? 'documents' : `${kind}s`}`
    : `the limit of ${formatLimit(limit)}`;
  return new TooLargeError('MEDIA_TOO_LARGE', `${field}: the file exceeds ${what}`, { field, context: { limit } });
}
