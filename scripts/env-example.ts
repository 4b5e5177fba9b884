// Writes .env.example from the config schema (see renderEnvExample). Run: node scripts/env-example.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvExample } from '@newsflow/config';

writeFileSync(join(import.meta.dirname, '..', '.env.example'), renderEnvExample());
console.log('wrote .env.example');
