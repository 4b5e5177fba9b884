import getPort from 'get-port';

/** `count` distinct free ports on loopback (a multi-node topology needs them all before it starts). */
export async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) ports.push(await getPort({ host: '127.0.0.1', exclude: ports }));
  return ports;
}
