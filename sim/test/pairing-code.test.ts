import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enterLinkCode, link } from '../src/server/pairing.js';
import type { Session } from '../src/server/session.js';
import type { Simulator } from '../src/server/simulator.js';
import type { AccountRecord } from '../src/state/types.js';

// Unit test of enterLinkCode alone: a stub simulator holding one companion that said hello.
test('a code the phone cannot use leaves no waiter behind (no late unhandled rejection, no codeDone)', async (t) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (err: unknown): void => void unhandled.push(err);
  process.on('unhandledRejection', onUnhandled);
  t.after(() => process.off('unhandledRejection', onUnhandled));

  const session = {
    conn: { isOpen: true },
    registration: { codeHello: { pn: '15550001234', wrappedEphemeral: new Uint8Array(3), ref: 'r' } },
  } as unknown as Session;
  const sent: unknown[] = [];
  const sim = {
    sessions: new Map([[1, session]]),
    iqTimeoutMs: 30,
    accounts: {
      phone: () => ({
        enterCode: async () => {
          throw new Error('wrapped ephemeral: expected 80 bytes, got 3');
        },
      }),
    },
    send: (_s: Session, n: unknown) => void sent.push(n),
    nextId: () => '1',
  } as unknown as Simulator;

  await assert.rejects(enterLinkCode(sim, { pn: '15550001234' } as AccountRecord, 'ABCD-1234'), /expected 80 bytes/);
  assert.equal(session.registration!.codeDone, undefined, 'no waiter for a companion_finish that cannot come');
  assert.deepEqual(sent, [], 'no primary_hello sent');
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(unhandled, []);
});

// Unit test of link alone: the companion never answers pair-success (the IQ times out).
test('a failed link ends the companion with 401 instead of leaving it refless and linking forever', async () => {
  const ends: string[] = [];
  const session = {
    conn: { isOpen: true, streamError: (code: string) => void ends.push(code) },
    registration: { refs: ['2@a'], identityKey: new Uint8Array(32) },
  } as unknown as Session;
  const refs = new Map([['2@a', session]]);
  const sim = {
    refs,
    accounts: { phone: () => ({ signCompanion: () => ({ keyIndex: 1, deviceIdentity: new Uint8Array(1) }) }) },
    query: async () => {
      throw new Error('no answer to server iq x');
    },
  } as unknown as Simulator;
  const account = { pn: '15550001234', lid: '99', nextDeviceId: 1, companions: [] } as unknown as AccountRecord;
  await assert.rejects(link(sim, account, session, new Uint8Array(32)), /no answer/);
  assert.deepEqual(ends, ['401']);
  assert.equal(refs.size, 0);
  assert.deepEqual(account.companions, []);
});
