// The load client of `npm run bench`, forked by http-load.ts: takes a LoadSpec, answers a LoadResult.
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './http-load.ts';

process.once('message', async (spec: LoadSpec) => {
  const result = await autocannon({
    url: spec.base,
    connections: spec.connections,
    duration: spec.seconds,
    ...(spec.warmupSeconds > 0
      ? { warmup: { connections: spec.connections, duration: spec.warmupSeconds } }
      : {}),
    headers: { authorization: `Bearer ${spec.token}` },
    requests: spec.paths.map((path) => ({ method: 'GET', path })),
  });
  const answer: LoadResult = {
    warmup: {
      seconds: spec.warmupSeconds,
      requests: result.warmup?.requests.total ?? 0,
      p99: result.warmup?.latency.p99 ?? 0,
    },
    requests: result.requests.total,
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  process.send!(answer, () => process.disconnect());
});
