import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import { createHostPacer } from '../src/politeness/host-pacer.ts';
import { clearPrefix, TEST_REDIS_URL } from '@newsflow/testkit';

const redis = new Redis(TEST_REDIS_URL);
const prefix = `test-${randomUUID()}`;
const pacer = (concurrency: number) =>
  createHostPacer(redis, { prefix, concurrency, maxDelayMs: 10_000, leaseMs: 2_000 });

after(async () => {
  await clearPrefix(redis, prefix);
  redis.disconnect();
});

void test('a second request to a host waits for the delay; queued jobs keep distinct places', async () => {
  const p = pacer(4);
  assert.equal(await p.acquire('a.example', 't1', 300, 'job1'), 0);
  const waitA = await p.acquire('a.example', 't2', 300, 'job2');
  const waitB = await p.acquire('a.example', 't3', 300, 'job3');
  assert.ok(waitA > 200 && waitA <= 300, `job2 waits ${waitA}`);
  assert.ok(waitB >= waitA + 250, `job3 queued behind job2: ${waitB}`);
  assert.equal(await p.acquire('b.example', 't4', 300, 'job4'), 0, 'other hosts are independent');
});

void test('the concurrency limit holds until release, and the delay counts from the release', async () => {
  const p = pacer(1);
  assert.equal(await p.acquire('c.example', 't1', 0, 'j1'), 0);
  assert.ok((await p.acquire('c.example', 't2', 0, 'j2')) > 0, 'busy host');
  await p.release('c.example', 't1', 150);
  assert.ok((await p.acquire('c.example', 't2', 0, 'j2')) > 0, 'too soon after the release');
  await sleep(160);
  assert.equal(await p.acquire('c.example', 't2', 0, 'j2'), 0, 'the queued job gets the slot');
});

void test('a crashed holder loses its slot when the lease lapses', async () => {
  const p = createHostPacer(redis, { prefix, concurrency: 1, maxDelayMs: 10_000, leaseMs: 100 });
  assert.equal(await p.acquire('d.example', 'dead', 0, 'j1'), 0);
  await sleep(150);
  assert.equal(await p.acquire('d.example', 't2', 0, 'j2'), 0);
});

void test('a renewed lease keeps the slot; once renewals stop it lapses within one lease', async () => {
  const p = createHostPacer(redis, { prefix, concurrency: 1, maxDelayMs: 10_000, leaseMs: 300 });
  assert.equal(await p.acquire('r.example', 'held', 0, 'j1'), 0);
  for (let i = 0; i < 4; i++) {
    await sleep(100);
    await p.renew('r.example', 'held');
  }
  assert.ok((await p.acquire('r.example', 't2', 0, 'j2')) > 0, 'still held 400 ms in, past the first lease');
  await sleep(350);
  assert.equal(await p.acquire('r.example', 't2', 0, 'j2'), 0, 'unrenewed, the slot is free again');
  await p.renew('r.example', 'held');
  assert.ok((await p.acquire('r.example', 't3', 0, 'j3')) > 0, 'a late renewal does not bring back a lapsed token');
});

void test('penalize (429 Retry-After) closes the host and doubles its delay', async () => {
  const p = pacer(4);
  await p.penalize('e.example', 500);
  const wait = await p.acquire('e.example', 't1', 100, 'j1');
  assert.ok(wait > 400 && wait <= 500, `wait ${wait}`);
  await sleep(wait + 5);
  assert.equal(await p.acquire('e.example', 't1', 100, 'j1'), 0);
  const next = await p.acquire('e.example', 't2', 100, 'j2');
  assert.ok(next > 150, `delay doubled to 200 ms: ${next}`);
});

void test('a penalty in force is not re-armed by the same answer again, and other ports are not held', async () => {
  const p = pacer(4);
  await p.penalize('pen.example:8080', 400);
  await p.penalize('pen.example:8080', 3_600_000);
  const wait = await p.acquire('pen.example:8080', 't1', 0, 'j1');
  assert.ok(wait > 0 && wait <= 400, `still the first penalty: ${wait} ms`);
  assert.equal(await p.acquire('pen.example:9090', 't2', 0, 'j2'), 0, 'another port of the host is free');
  await sleep(450);
  assert.equal(await p.acquire('pen.example:8080', 't1', 0, 'j1'), 0, 'the host reopens when the first penalty ends');
});
