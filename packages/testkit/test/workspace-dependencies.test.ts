// Each workspace declares every package it imports, so it installs and runs on its own (and in its
// container) instead of working only because npm hoisted a sibling's dependency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');
const BUILTIN = new Set(builtinModules);
const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+'([^'.][^']*)'|import\('([^'.][^']*)'\)/g;

function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function importsOf(workspace: string): Set<string> {
  const names = new Set<string>();
  for (const file of globSync('{src,test}/**/*.ts', { cwd: join(ROOT, workspace) })) {
    const source = readFileSync(join(ROOT, workspace, file), 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      if (specifier && !specifier.startsWith('node:') && !BUILTIN.has(specifier)) names.add(packageNameOf(specifier));
    }
  }
  return names;
}

test('every workspace declares the packages it imports', () => {
  const problems: string[] = [];
  for (const manifest of globSync('{packages,services}/*/package.json', { cwd: ROOT }).concat('seeds/package.json')) {
    const workspace = dirname(manifest);
    const json = JSON.parse(readFileSync(join(ROOT, manifest), 'utf8')) as {
      name: string;
      dependencies?: object;
      devDependencies?: object;
      peerDependencies?: object;
    };
    const declared = new Set([
      json.name,
      ...Object.keys({ ...json.dependencies, ...json.devDependencies, ...json.peerDependencies }),
    ]);
    for (const name of importsOf(workspace))
      if (!declared.has(name)) problems.push(`${workspace} imports ${name} without declaring it`);
  }
  assert.deepEqual(problems, []);
});
