// The admission ledger: what the backlog gate let in that a reading may not have seen yet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAdmissionLedger } from '../src/admissions.ts';

test('an admission counts for every reading begun before it settled, and for none begun after', () => {
  let clock = 1_000;
  const ledger = createAdmissionLedger(60_000, () => clock);
  const first = ledger.admit(3);
  const second = ledger.admit(2);
  assert.equal(ledger.unseenBy(900), 5, 'unsettled admissions count whenever the reading began');
  clock = 1_200;
  first.settle();
  assert.equal(ledger.unseenBy(1_100), 5, 'a reading begun before the settle may have missed the jobs');
  assert.equal(ledger.unseenBy(1_300), 2, 'a reading begun after the settle saw them');
  second.settle();
  clock = 1_250;
  second.settle();
  assert.equal(ledger.unseenBy(1_201), 0, 'a second settle does not move the first');
});

test('an admission that never settles (an aborted request) is forgotten after maxAgeMs', () => {
  let clock = 0;
  const ledger = createAdmissionLedger(10_000, () => clock);
  ledger.admit(4);
  clock = 9_999;
  assert.equal(ledger.unseenBy(0), 4);
  clock = 10_000;
  assert.equal(ledger.unseenBy(0), 0);
});
