import getPort, { portNumbers } from 'get-port';

/** Inclusive bounds that a helper sharing the machine must keep its servers' ports within. */
export interface PortRange {
  from: number;
  to: number;
}

/**
 * `count` distinct free ports on loopback (a multi-node topology needs them all before it starts),
 * within `range` when one is given (get-port would fall back to any port: that is refused here).
 */
export async function freePorts(count: number, range?: PortRange): Promise<number[]> {
  const ports: number[] = [];
  const port = range ? [...portNumbers(range.from, range.to)] : undefined;
  while (ports.length < count) {
    const next = await getPort({ host: '127.0.0.1', exclude: ports, ...(port ? { port } : {}) });
    if (range && (next < range.from || next > range.to))
      throw new Error(`devstack: fewer than ${count} free ports in ${range.from}-${range.to}`);
    ports.push(next);
  }
  return ports;
}
