// The Grafana dashboard only queries metric families that GET /metrics really exposes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';

const DASHBOARD = join(import.meta.dirname, '../../../infra/grafana/newsflow-dashboard.json');
let stack: TestStack;
before(async () => {
  stack = await startTestStack();
});
after(() => stack.close());

test('every metric in the dashboard is a family of /metrics', async () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
    panels: Array<{ targets?: Array<{ expr: string }> }>;
  };
  const exprs = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
  assert.ok(exprs.length >= 15);
  const used = new Set(
    exprs.flatMap((expr) => expr.match(/newsflow_\w+/g) ?? []).map((name) => name.replace(/_(bucket|sum|count)$/, '')),
  );
  const text = (await stack.app.inject({ method: 'GET', url: '/metrics' })).body;
  const exposed = new Set([...text.matchAll(/^# TYPE (\S+)/gm)].map((match) => match[1]));
  for (const name of used) assert.ok(exposed.has(name), `${name} is not exposed`);
});
