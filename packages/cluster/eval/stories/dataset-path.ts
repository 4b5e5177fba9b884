// The shared datasets live beside the checkout (../shared/datasets from the repository root). A
// git worktree sits deeper than the main checkout, so look in every ancestor directory instead of
// at one fixed depth; fail loudly when none has it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function sharedDataset(relative: string, from = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared/datasets', relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`shared dataset ${relative} not found above ${from}`);
  }
}

export const ecbplusDevFile = (): string => sharedDataset('ecbplus-dev/articles.jsonl');
