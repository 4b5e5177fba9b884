// .env.example is the operator's list of settings: it must name every variable the code reads, and no other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvSchema } from '@newsflow/config';

const ROOT = join(import.meta.dirname, '../../..');

test('.env.example lists exactly the variables of the config schema', () => {
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
  const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
  const known = new Set(Object.keys(EnvSchema.shape));
  assert.deepEqual([...known].filter((name) => !listed.has(name)), [], 'missing from .env.example');
  assert.deepEqual([...listed].filter((name) => name && !known.has(name)), [], 'in .env.example but not read by the code');
});
