import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from '../../../lib/ids.js';
import { fromWapioMessageId, fromWapioSessionId, toWapioMessageId, toWapioSessionId } from './ids.js';

test('wapio ids round-trip in the documented forms', () => {
  const ses = newId('ses');
  const wapio = toWapioSessionId(ses);
  assert.match(wapio, /^bps_sess_ws_[A-Za-z0-9_-]{22}$/);
  assert.equal(fromWapioSessionId(wapio), ses);
  const msg = newId('msg');
  assert.match(toWapioMessageId(msg), /^bps_msg_[0-9a-f]{32}$/);
  assert.equal(fromWapioMessageId(toWapioMessageId(msg)), msg);
});

test('other references pass through unchanged', () => {
  assert.equal(fromWapioSessionId('my-session'), 'my-session');
  assert.equal(fromWapioMessageId('bps_msg_nothex'), 'bps_msg_nothex');
});
