import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadResult {
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
}

/**
 * A bounded load on loopback: `connections` clients for `seconds`, cycling through `paths`. The client runs in
 * a process of its own, as a real client would: in the server's process its own work would queue on the
 * server's event loop and count as the server's latency.
 */
export function loadTest(
  base: string,
  paths: string[],
  token: string,
  options: { connections?: number; seconds?: number } = {},
): Promise<LoadResult> {
  const spec: LoadSpec = {
    base,
    paths,
    token,
    connections: options.connections ?? 10,
    seconds: options.seconds ?? 5,
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
