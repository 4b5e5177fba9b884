// Elasticsearch refuses to start as root ("can not run elasticsearch as root"), and both our dev
// machines and CI run as root. So, as root only, ES runs as a dedicated system user that we create
// on first use. Not root: ES simply runs as the current user.
import { spawnSync } from 'node:child_process';
import { chownSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from './executables.ts';

export const SERVICE_USER = 'newsflow-es';

export interface RunAs {
  uid: number;
  gid: number;
}

/** undefined when no switch is needed (we are not root) */
export function elasticsearchRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return lookup() ?? create();
}

function lookup(): RunAs | undefined {
  const uid = idOf('-u');
  const gid = idOf('-g');
  return uid === undefined || gid === undefined ? undefined : { uid, gid };
}

function idOf(flag: '-u' | '-g'): number | undefined {
  const result = spawnSync('id', [flag, SERVICE_USER], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

function create(): RunAs {
  const useradd = findExecutable('useradd');
  if (!useradd) throw new Error(`running as root without useradd: cannot create user ${SERVICE_USER}`);
  const args = ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVICE_USER];
  const result = spawnSync(useradd, args, { encoding: 'utf8' });
  // exit 9 = "already exists": another process created it concurrently, which is fine
  if (result.status !== 0 && result.status !== 9) {
    throw new Error(`useradd ${SERVICE_USER} failed: ${result.stderr.trim()}`);
  }
  const created = lookup();
  if (!created) throw new Error(`user ${SERVICE_USER} still missing after useradd`);
  return created;
}

/** chown -R without spawning; skips symlinks so we never follow them out of the tree */
export function chownTree(path: string, owner: RunAs): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.uid !== owner.uid || stat.gid !== owner.gid) chownSync(path, owner.uid, owner.gid);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) chownTree(join(path, entry), owner);
  }
}
