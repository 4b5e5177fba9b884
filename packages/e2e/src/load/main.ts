// `npm run load` (the full overload run: 5 minutes at twice the sustainable rate) and
// `npm run load -- --duration 60` (shorter): figures printed, exit 1 when the promise broke.
import { parseArgs } from 'node:util';
import { startServices } from '@newsflow/devstack';
import { runOverload } from './run-overload.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '300' },
    calibration: { type: 'string', default: '120' },
    window: { type: 'string', default: '400' },
    'kb-per-job': { type: 'string', default: '40' },
    'max-backlog': { type: 'string', default: '0' },
    overload: { type: 'string', default: '2' },
    'per-stage': { type: 'string', default: '2' },
    'redis-mb': { type: 'string', default: '64' },
    'redis-port': { type: 'string' },
    'retry-after': { type: 'string', default: '5' },
    'give-up': { type: 'string', default: '180' },
    'hold-back-ok': { type: 'boolean', default: false },
  },
});
const services = await startServices({ purpose: 'test' });
try {
  const started = Date.now();
  const result = await runOverload({
    durationS: Number(values.duration),
    calibrationS: Number(values.calibration),
    calibrationWindow: Number(values.window),
    redisKbPerJob: Number(values['kb-per-job']),
    maxBacklog: Number(values['max-backlog']),
    overload: Number(values.overload),
    hosts: 24,
    perStage: Number(values['per-stage']),
    redisBoundMb: Number(values['redis-mb']),
    retryAfterS: Number(values['retry-after']),
    giveUpMs: Number(values['give-up']) * 1_000,
    holdBackExpected: values['hold-back-ok'],
    sampleEveryMs: 5_000,
    drainTimeoutMs: 1_200_000,
    ...(values['redis-port'] ? { redisPort: Number(values['redis-port']) } : {}),
    elasticsearchUrl: services.elasticsearchUrl,
    log: (line) => console.log(`[load +${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`),
  });
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = result.problems.length === 0 ? 0 : 1;
} finally {
  await services.stop();
}
