import type { IncomingMessage, ServerResponse } from 'node:http';
import { ControlError, type SimControl } from './operations.js';

type Handler = (params: string[], body: Record<string, unknown>) => unknown;

const str = (body: Record<string, unknown>, key: string): string => {
  const v = body[key];
  if (typeof v !== 'string' || !v) throw new ControlError(400, 'INVALID_BODY', `"${key}" (string) is required`);
  return v;
};

/** The control API routes (a contract: see sim/README.md). */
function routes(c: SimControl): [string, RegExp, Handler][] {
  return [
    ['POST', /^\/sim\/accounts$/, (_p, b) => c.createAccount(str(b, 'phone'), typeof b.pushName === 'string' ? b.pushName : undefined)],
    ['GET', /^\/sim\/accounts$/, () => c.listAccounts()],
    ['POST', /^\/sim\/accounts\/([^/]+)\/link$/, ([p], b) => c.link(p!, str(b, 'qr'))],
    ['POST', /^\/sim\/accounts\/([^/]+)\/link-code$/, ([p], b) => c.linkCode(p!, str(b, 'code'))],
    ['POST', /^\/sim\/accounts\/([^/]+)\/unlink$/, ([p]) => c.unlink(p!)],
    ['POST', /^\/sim\/accounts\/([^/]+)\/messages$/, ([p], b) => c.send(p!, b)],
    ['GET', /^\/sim\/accounts\/([^/]+)\/sent$/, ([p]) => c.sent(p!)],
    ['GET', /^\/sim\/accounts\/([^/]+)\/presence$/, ([p]) => c.presence(p!)],
    ['POST', /^\/sim\/accounts\/([^/]+)\/calls$/, ([p], b) => c.call(p!, str(b, 'to'), b.video === true)],
    ['GET', /^\/sim\/accounts\/([^/]+)\/calls$/, ([p]) => c.calls(p!)],
    ['POST', /^\/sim\/accounts\/([^/]+)\/presence$/, ([p], b) => c.setPresence(p!, str(b, 'type'), typeof b.to === 'string' && b.to ? b.to : undefined)],
    ['GET', /^\/sim\/accounts\/([^/]+)\/inbox$/, ([p]) => c.inbox(p!)],
    ['POST', /^\/sim\/accounts\/([^/]+)\/receipts$/, ([p], b) => c.receipt(p!, str(b, 'id'), str(b, 'type') as 'read' | 'played')],
    ['GET', /^\/sim\/stats$/, () => c.stats()],
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

export function controlHandler(control: SimControl, onError: (err: unknown) => void): (req: IncomingMessage, res: ServerResponse) => void {
  const table = routes(control);
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const match = table.map(([m, re, h]) => ({ m, h, p: re.exec(path) })).filter((x) => x.p);
    const route = match.find((x) => x.m === req.method);
    if (!route) {
      send(res, match.length ? 405 : 404, { error: { code: match.length ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', message: `${req.method} ${path}` } });
      return;
    }
    readBody(req)
      .then((body) => route.h(decodeParams(route.p!.slice(1)), body))
      .then((data) => send(res, 200, data))
      .catch((err: unknown) => {
        if (err instanceof ControlError) return send(res, err.status, { error: { code: err.code, message: err.message } });
        onError(err);
        send(res, 500, { error: { code: 'INTERNAL', message: (err as Error)?.message ?? String(err) } });
      });
  };
}
