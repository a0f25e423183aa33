// Token strings: wagate's own form and a surface's brand both parse; junk and bad brands do not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fingerprintOf, generateToken, tokenKindOf } from './token-format.js';

test('wg by default; a brand gives <brand>_pat_ / <brand>_sk_; the kind and fingerprint follow', () => {
  const own = generateToken('session_key');
  assert.match(own.raw, /^wg_sk_[0-9A-Za-z]{43}$/);
  const pat = generateToken('pat', 'bps');
  assert.match(pat.raw, /^bps_pat_[0-9A-Za-z]{43}$/);
  assert.equal(tokenKindOf(pat.raw), 'pat');
  const key = generateToken('session_key', 'bps');
  assert.equal(tokenKindOf(key.raw), 'session_key');
  assert.equal(key.fingerprint, `bps_sk_...${key.raw.slice(-4)}`);
  assert.equal(fingerprintOf(own.raw), `wg_sk_...${own.raw.slice(-4)}`);
});

test('malformed tokens and brands are refused', () => {
  assert.equal(tokenKindOf('bps_sk_short'), null);
  assert.equal(tokenKindOf(`BPS_sk_${'a'.repeat(43)}`), null);
  assert.equal(tokenKindOf(`bps_xx_${'a'.repeat(43)}`), null);
  assert.throws(() => generateToken('pat', 'Bad-Brand'), /prefix/);
  assert.throws(() => generateToken('pat', 'b'), /prefix/);
});
