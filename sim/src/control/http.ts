import type { IncomingMessage, ServerResponse } from 'node:http';
import { ControlError, type SimControl } from './operations.js';
import { appStateChange, appStateView } from './app-state.js';

type Handler = (params: string[], body: Record<string, unknown>) => unknown;

const str = (body: Record<string, unknown>, key: string): string => {
  const v = body[key];
  if (typeof v !== 'string' || !v) throw new ControlError(400, 'INVALID_BODY', `"${key}" (string) is required`);
  return v;
};

const list = (body: Record<string, unknown>, key: string): string[] => {
  const v = body[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x))
    throw new ControlError(400, 'INVALID_BODY', `"${key}" (array of strings) is required`);
  return v as string[];
};

/** `{subject?, description?, announce?, restrict?}`, each checked for its type. */
function groupChanges(b: Record<string, unknown>): {
  subject?: string;
  description?: string;
  announce?: boolean;
  restrict?: boolean;
} {
  const out: { subject?: string; description?: string; announce?: boolean; restrict?: boolean } = {};
  for (const k of ['subject', 'description'] as const) {
    if (b[k] === undefined) continue;
    if (typeof b[k] !== 'string') throw new ControlError(400, 'INVALID_BODY', `"${k}" must be a string`);
    out[k] = b[k];
  }
  for (const k of ['announce', 'restrict'] as const) {
    if (b[k] === undefined) continue;
    if (typeof b[k] !== 'boolean') throw new ControlError(400, 'INVALID_BODY', `"${k}" must be a boolean`);
    out[k] = b[k];
  }
  return out;
}

/** The control API routes (a contract: see sim/README.md). */
function routes(c: SimControl): [string, RegExp, Handler][] {
  return [
    [
      'POST',
      /^\/sim\/accounts$/,
      (_p, b) => c.createAccount(str(b, 'phone'), typeof b.pushName === 'string' ? b.pushName : undefined),
    ],
    ['GET', /^\/sim\/accounts$/, () => c.listAccounts()],
    ['POST', /^\/sim\/accounts\/([^/]+)\/link$/, ([p], b) => c.link(p!, str(b, 'qr'))],
    ['POST', /^\/sim\/accounts\/([^/]+)\/link-code$/, ([p], b) => c.linkCode(p!, str(b, 'code'))],
    ['POST', /^\/sim\/accounts\/([^/]+)\/unlink$/, ([p]) => c.unlink(p!)],
    ['POST', /^\/sim\/accounts\/([^/]+)\/messages$/, ([p], b) => c.send(p!, b)],
    ['GET', /^\/sim\/accounts\/([^/]+)\/sent$/, ([p]) => c.sent(p!)],
    ['GET', /^\/sim\/accounts\/([^/]+)\/presence$/, ([p]) => c.presence(p!)],
    ['POST', /^\/sim\/accounts\/([^/]+)\/calls$/, ([p], b) => c.call(p!, str(b, 'to'), b.video === true)],
    ['GET', /^\/sim\/accounts\/([^/]+)\/calls$/, ([p]) => c.calls(p!)],
    [
      'POST',
      /^\/sim\/accounts\/([^/]+)\/presence$/,
      ([p], b) => c.setPresence(p!, str(b, 'type'), typeof b.to === 'string' && b.to ? b.to : undefined),
    ],
    ['GET', /^\/sim\/accounts\/([^/]+)\/inbox$/, ([p]) => c.inbox(p!)],
    [
      'POST',
      /^\/sim\/accounts\/([^/]+)\/receipts$/,
      ([p], b) => c.receipt(p!, str(b, 'id'), str(b, 'type') as 'read' | 'played'),
    ],
    ['GET', /^\/sim\/stats$/, () => c.stats()],
    ['GET', /^\/sim\/unacked$/, () => c.unacked()],
    [
      'POST',
      /^\/sim\/accounts\/([^/]+)\/newsletters$/,
      ([p], b) =>
        c.newsletters.create(
          c.account(p!).pn,
          str(b, 'name'),
          typeof b.description === 'string' ? b.description : undefined,
        ),
    ],
    [
      'POST',
      /^\/sim\/accounts\/([^/]+)\/newsletters\/([^/]+)\/(follow|unfollow)$/,
      ([p, n, op]) => c.newsletters.follow(c.account(p!).pn, n!, op === 'follow'),
    ],
    ['GET', /^\/sim\/accounts\/([^/]+)\/app-state$/, ([p]) => appStateView(c.phoneOf(p!))],
    [
      'POST',
      /^\/sim\/accounts\/([^/]+)\/app-state$/,
      ([p], b) =>
        appStateChange(c.phoneOf(p!), b, (jid) => {
          try {
            return `${c.account(jid.split('@')[0] ?? '').lid}@lid`;
          } catch {
            return null;
          }
        }),
    ],
    ['GET', /^\/sim\/accounts\/([^/]+)\/profile$/, ([p]) => c.profiles.view(c.account(p!))],
    ['POST', /^\/sim\/accounts\/([^/]+)\/profile$/, ([p], b) => c.profiles.update(c.account(p!), b)],
    [
      'POST',
      /^\/sim\/accounts\/([^/]+)\/block$/,
      ([p], b) => c.profiles.block(c.account(p!), str(b, 'phone'), str(b, 'action')),
    ],
    ['GET', /^\/sim\/groups\/([^/]+)$/, ([g]) => c.groups.get(g!)],
    ['GET', /^\/sim\/accounts\/([^/]+)\/groups$/, ([p]) => c.groups.of(c.account(p!).pn)],
    [
      'POST',
      /^\/sim\/accounts\/([^/]+)\/groups$/,
      ([p], b) => c.groups.create(c.account(p!).pn, str(b, 'subject'), list(b, 'participants')),
    ],
    ['POST', /^\/sim\/accounts\/([^/]+)\/groups\/join$/, ([p], b) => c.groups.join(c.account(p!).pn, str(b, 'code'))],
    [
      'POST',
      /^\/sim\/accounts\/([^/]+)\/groups\/([^/]+)$/,
      ([p, g], b) => c.groups.update(c.account(p!).pn, g!, groupChanges(b)),
    ],
    [
      'POST',
      /^\/sim\/accounts\/([^/]+)\/groups\/([^/]+)\/participants$/,
      ([p, g], b) => c.groups.participants(c.account(p!).pn, g!, str(b, 'action'), list(b, 'participants')),
    ],
    [
      'GET',
      /^\/sim\/accounts\/([^/]+)\/groups\/([^/]+)\/invite$/,
      ([p, g]) => c.groups.invite(c.account(p!).pn, g!, false),
    ],
    [
      'POST',
      /^\/sim\/accounts\/([^/]+)\/groups\/([^/]+)\/invite\/revoke$/,
      ([p, g]) => c.groups.invite(c.account(p!).pn, g!, true),
    ],
    [
      'POST',
      /^\/sim\/accounts\/([^/]+)\/groups\/([^/]+)\/requests$/,
      ([p, g], b) => c.groups.answerRequests(c.account(p!).pn, g!, str(b, 'action'), list(b, 'participants')),
    ],
    ['POST', /^\/sim\/accounts\/([^/]+)\/groups\/([^/]+)\/leave$/, ([p, g]) => c.groups.leave(c.account(p!).pn, g!)],
  ];
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!chunks.length) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ControlError(400, 'INVALID_JSON', 'body must be a JSON object');
}

/** Path params, percent-decoded; a malformed escape is the caller's error, not a crash. */
function decodeParams(raw: string[]): string[] {
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    throw new ControlError(400, 'INVALID_PATH', 'path has a malformed percent escape');
  }
}

function send(res: ServerResponse, status: number, data: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(data));
}

export function controlHandler(
  control: SimControl,
  onError: (err: unknown) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  const table = routes(control);
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const match = table.map(([m, re, h]) => ({ m, h, p: re.exec(path) })).filter((x) => x.p);
    const route = match.find((x) => x.m === req.method);
    if (!route) {
      send(res, match.length ? 405 : 404, {
        error: { code: match.length ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', message: `${req.method} ${path}` },
      });
      return;
    }
    readBody(req)
      .then((body) => route.h(decodeParams(route.p!.slice(1)), body))
      .then((data) => send(res, 200, data))
      .catch((err: unknown) => {
        if (err instanceof ControlError)
          return send(res, err.status, { error: { code: err.code, message: err.message } });
        onError(err);
        send(res, 500, { error: { code: 'INTERNAL', message: (err as Error)?.message ?? String(err) } });
      });
  };
}
