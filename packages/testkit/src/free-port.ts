import getPort from 'get-port';

/** A free port on 127.0.0.1, from get-port (as devstack uses), for local test servers and the API. */
export function freePort(): Promise<number> {
  return getPort({ host: '127.0.0.1' });
}
