import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from '../../../lib/ids.js';
import { fromUuid, isWagateId, toUuid } from './ids.js';

test('a wagate id is shown as the UUIDv7 inside it and read back', () => {
  const id = newId('ses');
  const uuid = toUuid(id);
  assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(uuid.replace(/-/g, ''), id.slice(4));
  assert.equal(fromUuid('ses', uuid), id);
  assert.equal(fromUuid('ses', uuid.toUpperCase()), id, 'UUIDs are case-insensitive');
  assert.equal(fromUuid('msg', toUuid(newId('msg'))).slice(0, 4), 'msg_');
});

test('anything that is not a UUID passes through (wagate ids and session names work too)', () => {
  assert.equal(fromUuid('ses', 'sales-1'), 'sales-1');
  assert.equal(fromUuid('ses', 'ses_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f'), 'ses_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f');
  assert.equal(toUuid('not-an-id'), 'not-an-id');
  assert.ok(isWagateId('evt_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f'));
  assert.ok(!isWagateId('3EB0C4754D4DBC69BA28CE'));
  assert.ok(!isWagateId('14155550123@s.whatsapp.net'));
});
