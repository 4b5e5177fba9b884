// .env.example is the operator's list of settings: it must be exactly what the config schema says
// (every variable, its doc comment and its default), so it can never drift from the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvSchema, renderEnvExample } from '@newsflow/config';

const ROOT = join(import.meta.dirname, '../../..');

test('.env.example is the rendering of the config schema (regenerate with node scripts/env-example.ts)', () => {
  assert.equal(readFileSync(join(ROOT, '.env.example'), 'utf8'), renderEnvExample());
});

test('the rendering names every variable with its default', () => {
  const rendered = renderEnvExample();
  for (const name of Object.keys(EnvSchema.shape)) assert.match(rendered, new RegExp(`^# ${name}=`, 'm'));
  assert.match(rendered, /^# FETCH_TIMEOUT_MS=15000$/m);
  assert.match(rendered, /^# API_TOKEN=$/m);
});
