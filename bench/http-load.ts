import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadResult {
  /** The warm-up before the measured seconds (not counted below): what a just-started server answers. */
  warmup: { seconds: number; requests: number; p99: number };
  requests: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

export interface LoadSpec {
  base: string;
  paths: string[];
  token: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/**
 * A bounded load on loopback: `connections` clients for `seconds`, cycling through `paths`, after
 * `warmupSeconds` of the same load that is not counted (the first requests after a world load meet code not
 * yet compiled and the collector promoting what the load left young: steady-state latency is what is
 * measured, and the warm-up's own figures are kept beside it). The client runs in a process of its own, as
 * a real client would: in the server's process its own work would queue on the server's event loop and
 * count as the server's latency.
 */
export function loadTest(
  base: string,
  paths: string[],
  token: string,
  options: { connections?: number; seconds?: number; warmupSeconds?: number } = {},
): Promise<LoadResult> {
  const spec: LoadSpec = {
    base,
    paths,
    token,
    connections: options.connections ?? 10,
    seconds: options.seconds ?? 5,
    warmupSeconds: options.warmupSeconds ?? 2,
  };
  const child = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<LoadResult>((resolve, reject) => {
    let result: LoadResult | undefined;
    child.once('message', (message) => (result = message as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`the load client exited with ${code} and no result`));
    });
    child.send(spec);
  });
}
