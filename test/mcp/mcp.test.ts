// /mcp with the MCP SDK's own client over real HTTP: it lists the tools (input schemas included),
// sends a text through messages_send that a simulated contact decrypts, and reads the message's
// info. A session key's client sees and acts on its own session only; no token, no MCP.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { useLinkedSession, waitFor } from '../support/sim.js';

interface TextResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tool results are arbitrary JSON
function json(result: unknown): any {
  const r = result as TextResult;
  const text = r.content.find((c) => c.type === 'text')?.text;
  assert.ok(text, JSON.stringify(result));
  return JSON.parse(text);
}

describe('MCP server at /mcp', () => {
  const ctx = useLinkedSession({ names: ['MCP Me', 'MCP Contact'] });
  let base = '';
  before(async () => {
    await ctx.t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = ctx.t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  async function connect(token: string): Promise<Client> {
    const client = new Client({ name: 'wagate-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    return client;
  }

  test('a PAT client lists the tools and sends a text that arrives at the simulated contact', async () => {
    const client = await connect(ctx.token);
    try {
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name).sort();
      for (const n of [
        'account_get',
        'messages_get',
        'messages_list',
        'messages_send',
        'sessions_connect',
        'sessions_create',
        'sessions_get',
        'sessions_list',
        'sessions_logout',
        'sessions_qr',
      ]) {
        assert.ok(names.includes(n), `${n} in ${names.join(',')}`);
      }
      const send = tools.find((t) => t.name === 'messages_send')!;
      const messageSchema = (send.inputSchema.properties as Record<string, { properties?: Record<string, unknown> }>)
        .message;
      for (const kind of ['text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'poll']) {
        assert.ok(messageSchema?.properties?.[kind], `the send schema has ${kind} (from the /v1 body schema)`);
      }

      const listed = json(await client.callTool({ name: 'sessions_list', arguments: {} }));
      assert.deepEqual(
        listed.data.map((s: { id: string }) => s.id),
        [ctx.sessionId],
      );

      const sent = json(
        await client.callTool({
          name: 'messages_send',
          arguments: { session: ctx.sessionId, message: { to: `+${ctx.contact.phone}`, text: 'hello through MCP' } },
        }),
      );
      assert.equal(sent.message.status, 'queued');
      await waitFor('the contact to decrypt the MCP text', async () => {
        const inbox = await ctx.sim.control<Array<{ text?: string }>>(
          'GET',
          `/sim/accounts/${ctx.contact.phone}/inbox`,
        );
        return inbox.some((m) => m.text === 'hello through MCP');
      });
      const info = await waitFor('messages_get to show delivered', async () => {
        const got = json(await client.callTool({ name: 'messages_get', arguments: { message_id: sent.message.id } }));
        return ['delivered', 'read'].includes(got.message.status) ? got.message : undefined;
      });
      assert.ok(
        info.events.some((e: { status: string }) => e.status === 'sent'),
        'the history is included',
      );
    } finally {
      await client.close();
    }
  });

  test('errors come back as tool errors with the /v1 code and field; invalid input is refused', async () => {
    const client = await connect(ctx.token);
    try {
      const notFound = (await client.callTool({
        name: 'sessions_get',
        arguments: { session: 'no-such-session' },
      })) as TextResult;
      assert.equal(notFound.isError, true);
      assert.equal(json(notFound).error.code, 'SESSION_NOT_FOUND');
      const twoKinds = (await client.callTool({
        name: 'messages_send',
        arguments: {
          session: ctx.sessionId,
          message: { to: `+${ctx.contact.phone}`, text: 'a', location: { latitude: 1, longitude: 2 } },
        },
      })) as TextResult;
      assert.equal(twoKinds.isError, true, JSON.stringify(twoKinds));
    } finally {
      await client.close();
    }
  });

  test("a session key's client sees only its session and cannot act on another", async () => {
    const other = await ctx.t.request(ctx.token, 'POST', '/v1/sessions', { name: 'mcp-other' });
    assert.equal(other.statusCode, 201);
    const keyOfOther: string = other.body.session_key.token;
    const client = await connect(keyOfOther);
    try {
      const listed = json(await client.callTool({ name: 'sessions_list', arguments: {} }));
      assert.deepEqual(
        listed.data.map((s: { id: string }) => s.id),
        [other.body.session.id],
      );
      const foreign = (await client.callTool({
        name: 'sessions_get',
        arguments: { session: ctx.sessionId },
      })) as TextResult;
      assert.equal(foreign.isError, true);
      assert.equal(json(foreign).error.code, 'SESSION_NOT_FOUND');
      const send = (await client.callTool({
        name: 'messages_send',
        arguments: { session: ctx.sessionId, message: { to: `+${ctx.contact.phone}`, text: 'not mine' } },
      })) as TextResult;
      assert.equal(send.isError, true);
      const create = (await client.callTool({
        name: 'sessions_create',
        arguments: { session: { name: 'escalate' } },
      })) as TextResult;
      assert.equal(json(create).error.code, 'TOKEN_KIND_FORBIDDEN');
      const me = json(await client.callTool({ name: 'account_get', arguments: {} }));
      assert.deepEqual([me.token.kind, me.token.session_id], ['session_key', other.body.session.id]);
    } finally {
      await client.close();
    }
  });

  test('no token or a revoked one: 401 before any MCP message is read; GET is 405', async () => {
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    };
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const anonymous = await fetch(`${base}/mcp`, { method: 'POST', headers, body: JSON.stringify(init) });
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { error: { code: string } }).error.code, 'UNAUTHORIZED');
    const temp = (await ctx.t.request(ctx.token, 'POST', '/v1/tokens', { name: 'mcp-temp' })).body.token;
    assert.equal((await ctx.t.request(ctx.token, 'DELETE', `/v1/tokens/${temp.id}`)).statusCode, 200);
    const revoked = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${temp.token}` },
      body: JSON.stringify(init),
    });
    assert.equal(revoked.status, 401);
    const get = await fetch(`${base}/mcp`, { headers: { authorization: `Bearer ${ctx.token}` } });
    assert.equal(get.status, 405);
  });
});
