// decideType and the kind rules: what a claim may say about bytes whose type file-type detected.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { categoryOf, decideType, extensionFor, typeFitsKind } from './media.rules.js';

test('a claim the bytes contradict is refused; agreeing, aliased or container claims pass', () => {
  assert.deepEqual(decideType('image/png', 'image/png'), { ok: true, mimetype: 'image/png' });
  assert.deepEqual(decideType('image/jpeg', 'image/jpg'), { ok: true, mimetype: 'image/jpeg' });
  assert.equal(decideType('image/png', 'image/jpeg').ok, false);
  assert.deepEqual(decideType('image/png', null), { ok: true, mimetype: 'image/png' });
  assert.deepEqual(decideType('image/png', 'application/octet-stream'), { ok: true, mimetype: 'image/png' });
  const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  assert.deepEqual(decideType('application/zip', docx), { ok: true, mimetype: docx });
  assert.deepEqual(decideType('application/x-cfb', 'application/msword'), { ok: true, mimetype: 'application/msword' });
  assert.deepEqual(decideType('audio/ogg', 'Audio/OGG; codecs=opus'), { ok: true, mimetype: 'audio/ogg; codecs=opus' });
  assert.deepEqual(decideType('application/ogg', 'audio/ogg; codecs=opus'), {
    ok: true,
    mimetype: 'audio/ogg; codecs=opus',
  });
  assert.equal(decideType('application/zip', 'image/png').ok, false);
});

test('undetectable bytes: only textual or generic claims are believed', () => {
  assert.equal(decideType(null, 'image/png').ok, false);
  assert.deepEqual(decideType(null, 'text/plain; charset=utf-8'), { ok: true, mimetype: 'text/plain; charset=utf-8' });
  assert.deepEqual(decideType(null, 'application/json'), { ok: true, mimetype: 'application/json' });
  assert.deepEqual(decideType(null, null), { ok: true, mimetype: 'application/octet-stream' });
});

test('kinds, categories and extensions', () => {
  assert.ok(typeFitsKind('image/webp', 'sticker'));
  assert.ok(!typeFitsKind('image/png', 'sticker'));
  assert.ok(typeFitsKind('audio/ogg; codecs=opus', 'audio'));
  assert.ok(!typeFitsKind('video/quicktime', 'video'));
  assert.ok(typeFitsKind('application/x-anything', 'document'));
  assert.equal(categoryOf('video/mp4'), 'video');
  assert.equal(categoryOf('application/pdf'), 'document');
  assert.equal(extensionFor('image/jpeg'), 'jpg');
  assert.equal(extensionFor('application/vnd.openxmlformats-officedocument.wordprocessingml.document'), 'docx');
  assert.equal(extensionFor('application/x-weird+thing'), 'bin');
});
