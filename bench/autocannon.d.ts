// The part of autocannon's API the bench uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    requests?: Array<{ method?: string; path?: string }>;
    /** Load run first and left out of the result (reported as `warmup`). */
    warmup?: { connections?: number; duration?: number };
  }
  interface Histogram {
    average: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    total: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    warmup?: { requests: Histogram; latency: Histogram };
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
