// Adaptive polling on real Redis and HTTP: the fetch worker and the poll loop run, and the schedule
// kept in Redis is asserted on (intervals, poll counts, retirement).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { waitFor } from '@newsflow/testkit';
import { createPollSchedule, startPollLoop } from '../src/index.ts';
import type { PollLoop, PollSource } from '../src/index.ts';
import { startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';
import { rssOf, startSiteServer } from './support/site-server.ts';
import type { SiteServer } from './support/site-server.ts';

let server: SiteServer;
let harness: Harness;
let loop: PollLoop;
let busyPolls = 0;

before(async () => {
  server = await startSiteServer({
    'polls.test': {
      // A new item on every poll, and no validators.
      '/busy.xml': () => {
        busyPolls++;
        const urls = Array.from({ length: busyPolls }, (_, i) => `http://polls.test/2024/01/01/busy-story-${i}`);
        return { type: 'application/rss+xml', body: rssOf(urls) };
      },
      // The same feed every time, with an ETag: polls after the first are 304s.
      '/quiet.xml': {
        type: 'application/rss+xml',
        etag: '"q1"',
        body: rssOf(['http://polls.test/2024/01/01/quiet-story']),
      },
    },
  });
  harness = await startHarness({
    FETCH_ALLOW_PRIVATE: 'polls.test',
    POLL_MIN_INTERVAL_SECONDS: '1',
    POLL_MAX_INTERVAL_SECONDS: '20',
    POLL_RETIRE_AFTER_DAYS: '0.00002',
  });
  loop = startPollLoop(harness.deps.schedule, harness.stage.queues.fetch, 100, (error) => console.error(error));
});
after(async () => {
  await loop.stop();
  await harness.close();
  await server.close();
});

const sourceOf = async (url: string): Promise<PollSource | undefined> =>
  (await harness.deps.schedule.list()).find((source) => source.url === url);

void test('a feed that gains items every poll is polled more often than one that never changes', async () => {
  const schedule = harness.deps.schedule;
  const busy = await schedule.add('feed', server.url('polls.test', '/busy.xml'));
  const quiet = await schedule.add('feed', server.url('polls.test', '/quiet.xml'));
  const settled = await waitFor(
    'the quiet feed to be polled four times',
    async () => {
      const [b, q] = [await sourceOf(busy.url), await sourceOf(quiet.url)];
      return b && q && q.polls >= 4 ? { busy: b, quiet: q } : undefined;
    },
    40_000,
    100,
  );
  assert.equal(settled.busy.intervalMs, 1_000, 'new items every poll: held at the minimum');
  assert.ok(settled.quiet.intervalMs >= 3_375, `quiet interval grew: ${settled.quiet.intervalMs}`);
  assert.ok(settled.busy.polls > settled.quiet.polls, `busy ${settled.busy.polls} polls, quiet ${settled.quiet.polls}`);
  assert.equal(settled.quiet.lastNew, 0);
  assert.ok(Date.parse(settled.quiet.nextPollAt!) > Date.parse(settled.busy.nextPollAt!) - 1_000);
  // The schedule is Redis state: a new process (here a second schedule object) reads the same.
  const reread = createPollSchedule(harness.redis, harness.config.NEWSFLOW_QUEUE_PREFIX, schedule.settings);
  assert.ok(((await reread.read(quiet.id))?.polls ?? 0) >= settled.quiet.polls);
});

void test('a source failing past the retirement age is retired and listed', async () => {
  const dead = await harness.deps.schedule.add('feed', server.url('polls.test', '/gone.xml'));
  const retired = await waitFor(
    'the dead feed to be retired',
    async () => (await harness.deps.schedule.list('retired')).find((source) => source.id === dead.id),
    40_000,
    100,
  );
  assert.ok(retired.errors >= 2, `errors: ${retired.errors}`);
  assert.match(retired.lastError ?? '', /^http-4xx: HTTP 404/);
  assert.equal(
    (await harness.deps.schedule.claimDue(Date.now() + 3_600_000)).some((source) => source.id === dead.id),
    false,
  );
});
