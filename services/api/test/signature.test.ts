// The webhook signature as a receiver checks it: HMAC-SHA256 over "t.body", a bounded clock skew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { verifySignature } from '@newsflow/api';
import { sign } from '../src/alerts/signature.ts';

const SECRET = 'whsec-unit-0123456789';
const BODY = '{"event":"article.matched"}';

test('the header is t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">, as a receiver recomputes it', () => {
  const expected = createHmac('sha256', SECRET).update(`1700000000.${BODY}`).digest('hex');
  assert.equal(sign(SECRET, BODY, 1_700_000_000), `t=1700000000,v1=${expected}`);
});

test('a changed body, another secret, an old timestamp or a malformed header do not verify', () => {
  const header = sign(SECRET, BODY, 1_700_000_000);
  assert.equal(verifySignature(SECRET, BODY, header, 1_700_000_100), true);
  assert.equal(verifySignature(SECRET, `${BODY} `, header, 1_700_000_100), false);
  assert.equal(verifySignature('another-secret-0123', BODY, header, 1_700_000_100), false);
  assert.equal(verifySignature(SECRET, BODY, header, 1_700_000_000 + 301), false, 'a replay after 5 minutes');
  for (const bad of [undefined, '', 't=1700000000', 'v1=00', 't=x,v1=zz'])
    assert.equal(verifySignature(SECRET, BODY, bad, 1_700_000_100), false, String(bad));
});
