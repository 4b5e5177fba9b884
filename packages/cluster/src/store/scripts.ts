// The store's Lua scripts, one job each, with shared parts pasted in where a script says
// `--- @include "includes/<name>"` (bullmq's convention for its src/commands/*.lua): Redis runs one
// self-contained source per script, and this keeps key naming and encoding in one place.
import { readFileSync } from 'node:fs';

const INCLUDE = /^---[ \t]*@include[ \t]+"([\w/-]+)"[ \t]*$/gm;

/** The source of `<name>.lua` next to this file, includes resolved (each pasted once, in order). */
export function loadScript(name: string): string {
  const pasted = new Set<string>();
  const expand = (source: string): string =>
    source.replace(INCLUDE, (_line, include: string) => {
      if (pasted.has(include)) return '';
      pasted.add(include);
      return expand(readFileSync(new URL(`./${include}.lua`, import.meta.url), 'utf8'));
    });
  return expand(readFileSync(new URL(`./${name}.lua`, import.meta.url), 'utf8'));
}
