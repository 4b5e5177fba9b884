// Is a Docker engine answering? Must be cheap: on machines with a docker client but no daemon (our
// CI) this runs on every test start, so no `docker info` (a process spawn plus client timeouts):
// look for the socket file first, then one HTTP /_ping with a short timeout.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';

const PING_TIMEOUT_MS = 500;

interface Endpoint {
  socketPath?: string;
  host?: string;
  port?: number;
}

export async function dockerEngineAvailable(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  for (const endpoint of candidateEndpoints(env)) {
    if (await ping(endpoint)) return true;
  }
  return false;
}

function candidateEndpoints(env: NodeJS.ProcessEnv): Endpoint[] {
  const dockerHost = env.DOCKER_HOST;
  if (dockerHost?.startsWith('unix://')) return [{ socketPath: dockerHost.slice('unix://'.length) }];
  if (dockerHost?.startsWith('tcp://')) {
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    return [{ host: url.hostname, port: Number(url.port || 2375) }];
  }
  // the same well-known places testcontainers probes: rootful, rootless, Docker Desktop
  const uid = process.getuid?.() ?? 0;
  const sockets = [
    '/var/run/docker.sock',
    env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'docker.sock') : `/run/user/${uid}/docker.sock`,
    join(homedir(), '.docker', 'run', 'docker.sock'),
    join(homedir(), '.docker', 'desktop', 'docker.sock'),
  ];
  return sockets.filter((socketPath) => existsSync(socketPath)).map((socketPath) => ({ socketPath }));
}

function ping(endpoint: Endpoint): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ ...endpoint, path: '/_ping', method: 'GET', timeout: PING_TIMEOUT_MS }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}
