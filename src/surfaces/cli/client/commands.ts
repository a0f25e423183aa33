// The client commands of `wagate`: sessions, send, tokens, webhooks. Each is a thin call of the
// public /v1 API of a running server; app/cli.ts resolves the connection and hands it here.
import { parseArgs } from 'node:util';
import type { ApiClient } from './api.js';
import { ClientError } from './api.js';
import { runLink } from './link.js';
import type { Output } from './output.js';
import { CLIENT_USAGE } from './usage.js';

export const CLIENT_COMMANDS = ['sessions', 'send', 'tokens', 'webhooks'] as const;
export type ClientCommand = (typeof CLIENT_COMMANDS)[number];

export class ClientUsageError extends Error {}

export interface ClientContext {
  api: ApiClient;
  out: Output;
  /** Whether stdout is a terminal (redraw QR codes in place). */
  isTty: boolean;
}

const CONNECTION_FLAGS = { url: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' } } as const;

/** Parses a client command's arguments (the connection flags are accepted everywhere). */
export function parseClientArgs<T extends Record<string, { type: 'string' | 'boolean' }>>(
  command: ClientCommand,
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options: { ...CONNECTION_FLAGS, ...options }, strict: true, allowPositionals: true });
  } catch (err) {
    throw new ClientUsageError(`${err instanceof Error ? err.message : String(err)}\n\n${CLIENT_USAGE[command]}`);
  }
}

const ref = (s: string) => encodeURIComponent(s);
function need(value: string | undefined, what: string, command: ClientCommand): string {
  if (!value) throw new ClientUsageError(`${what} is required\n\n${CLIENT_USAGE[command]}`);
  return value;
}

export async function runSessions(ctx: ClientContext, args: string[]): Promise<void> {
  const { values, positionals } = parseClientArgs('sessions', args, {
    phone: { type: 'string' },
    timeout: { type: 'string' },
  });
  const [sub, name] = positionals;
  const { api, out } = ctx;
  switch (sub) {
    case 'list': {
      const res = await api.call('GET', '/v1/sessions?limit=100');
      if (out.json) return out.data(res);
      return out.table(
        ['ID', 'NAME', 'STATUS', 'PHONE'],
        res.data.map((s: Record<string, string>) => [s.id, s.name, s.status, s.phone_number]),
      );
    }
    case 'status': {
      const { session } = await api.call('GET', `/v1/sessions/${ref(need(name, 'NAME', 'sessions'))}`);
      if (out.json) return out.data({ session });
      return out.table(
        ['FIELD', 'VALUE'],
        [
          ['id', session.id],
          ['name', session.name],
          ['status', session.status],
          ['phone', session.phone_number],
          ['updated', session.updated_at],
        ],
      );
    }
    case 'link': {
      const timeout = values.timeout === undefined ? 300 : Number(values.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0)
        throw new ClientUsageError(`--timeout must be a number of seconds\n\n${CLIENT_USAGE.sessions}`);
      return runLink(api, out, {
        name: need(name, 'NAME', 'sessions'),
        ...(values.phone ? { phone: values.phone } : {}),
        timeoutMs: timeout * 1000,
        pollMs: 1000,
        redraw: ctx.isTty,
      });
    }
    case 'logout': {
      const { session } = await api.call('POST', `/v1/sessions/${ref(need(name, 'NAME', 'sessions'))}/logout`);
      return out.json ? out.data({ session }) : out.line(`${session.name ?? session.id}: ${session.status}`);
    }
    default:
      throw new ClientUsageError(CLIENT_USAGE.sessions!);
  }
}

const KINDS = ['text', 'image', 'video', 'audio', 'document'] as const;

export async function runSend(ctx: ClientContext, args: string[]): Promise<void> {
  const flags = Object.fromEntries(KINDS.map((k) => [k, { type: 'string' as const }])) as Record<
    (typeof KINDS)[number],
    { type: 'string' }
  >;
  const { values, positionals } = parseClientArgs('send', args, {
    ...flags,
    to: { type: 'string' },
    caption: { type: 'string' },
    'file-name': { type: 'string' },
    'idempotency-key': { type: 'string' },
    wait: { type: 'boolean' },
  });
  const session = need(positionals[0], 'SESSION', 'send');
  const given = KINDS.filter((k) => values[k] !== undefined);
  if (given.length !== 1)
    throw new ClientUsageError(`give exactly one of --${KINDS.join(', --')}\n\n${CLIENT_USAGE.send}`);
  const kind = given[0]!;
  const value = values[kind]!;
  const content =
    kind === 'text'
      ? value
      : {
          url: value,
          ...(values.caption && kind !== 'audio' ? { caption: values.caption } : {}),
          ...(kind === 'document' && values['file-name'] ? { file_name: values['file-name'] } : {}),
        };
  const body = { to: need(values.to, '--to', 'send'), [kind]: content };
  const key = values['idempotency-key'];
  const { api, out } = ctx;
  const res = await api.call(
    'POST',
    `/v1/sessions/${ref(session)}/messages`,
    body,
    key ? { 'idempotency-key': key } : {},
  );
  let message = res.message;
  if (!out.json) out.progress(`${message.id}: ${message.status}`);
  if (values.wait) message = await waitUntilSent(ctx, message);
  return out.json ? out.data({ message }) : out.line(`${message.id} ${message.status}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the /v1 message JSON
// biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read field by field where used
async function waitUntilSent(ctx: ClientContext, message: any, timeoutMs = 120_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last = message.status;
  while (Date.now() < deadline) {
    const { message: m } = await ctx.api.call('GET', `/v1/messages/${message.id}`);
    if (m.status !== last && !ctx.out.json) ctx.out.progress(`${m.id}: ${m.status}`);
    last = m.status;
    if (m.status === 'failed')
      throw new ClientError(
        `message ${m.id} failed: ${m.error?.message ?? m.error_code ?? 'unknown reason'}`,
        'SEND_FAILED',
        null,
      );
    if (!['queued', 'sending'].includes(m.status)) return m;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new ClientError(
    `message ${message.id} is still ${last} after ${timeoutMs / 1000} s (it stays queued and will be sent)`,
    'SEND_TIMEOUT',
    null,
  );
}

export async function runTokens(ctx: ClientContext, args: string[]): Promise<void> {
  const { values, positionals } = parseClientArgs('tokens', args, { name: { type: 'string' } });
  const { api, out } = ctx;
  switch (positionals[0]) {
    case 'list': {
      const res = await api.call('GET', '/v1/tokens');
      if (out.json) return out.data(res);
      return out.table(
        ['ID', 'NAME', 'FINGERPRINT', 'CREATED', 'LAST USED', ''],
        res.data.map((t: Record<string, string>) => [
          t.id,
          t.name,
          t.fingerprint,
          t.created_at,
          t.last_used_at,
          t.current ? '(this token)' : '',
        ]),
      );
    }
    case 'create': {
      const res = await api.call('POST', '/v1/tokens', { name: need(values.name, '--name', 'tokens') });
      if (out.json) return out.data(res);
      out.line(`${res.token.id} (${res.token.name}) created`);
      out.line(`token: ${res.token.token}`);
      return out.progress('This token is shown only once: store it now.');
    }
    case 'revoke': {
      const res = await api.call('DELETE', `/v1/tokens/${ref(need(positionals[1], 'ID', 'tokens'))}`);
      return out.json ? out.data(res) : out.line(`${res.id} revoked`);
    }
    default:
      throw new ClientUsageError(CLIENT_USAGE.tokens!);
  }
}

export async function runWebhooks(ctx: ClientContext, args: string[]): Promise<void> {
  const { values, positionals } = parseClientArgs('webhooks', args, {
    webhook: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  });
  const { api, out } = ctx;
  switch (positionals[0]) {
    case 'list': {
      const res = await api.call('GET', '/v1/webhooks');
      if (out.json) return out.data(res);
      return out.table(
        ['ID', 'URL', 'EVENTS', 'ENABLED'],
        res.data.map((w: { id: string; url: string; events: string[]; enabled: boolean }) => [
          w.id,
          w.url,
          w.events.length ? w.events.join(',') : '*',
          String(w.enabled),
        ]),
      );
    }
    case 'test': {
      const res = await api.call('POST', `/v1/webhooks/${ref(need(positionals[1], 'ID', 'webhooks'))}/test`);
      return out.json ? out.data(res) : out.line(`test event queued${res.event?.id ? `: ${res.event.id}` : ''}`);
    }
    case 'replay': {
      const only = values.webhook ? { webhook_id: values.webhook } : {};
      const res = positionals[1]
        ? await api.call('POST', `/v1/events/${ref(positionals[1])}/replay`, only)
        : await api.call('POST', '/v1/events/replay', {
            from: need(values.from, 'EVENT_ID or --from', 'webhooks'),
            to: need(values.to, '--to', 'webhooks'),
            ...only,
          });
      return out.json ? out.data(res) : out.line(`${res.enqueued} deliveries queued`);
    }
    default:
      throw new ClientUsageError(CLIENT_USAGE.webhooks!);
  }
}

export const CLIENT_RUNNERS: Record<ClientCommand, (ctx: ClientContext, args: string[]) => Promise<void>> = {
  sessions: runSessions,
  send: runSend,
  tokens: runTokens,
  webhooks: runWebhooks,
};
