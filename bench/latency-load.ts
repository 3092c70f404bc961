// One load run in a process of its own (autocannon, driven from code), keeping every response
// time so that any percentile can be read exactly: autocannon's own summary has no p95.
//   node --import tsx bench/latency-load.ts '{"url":"...","connections":16,"seconds":10,"headers":{...}}'
// Prints one JSON line: requests/s, p50/p95/p99 in ms, non-2xx and errors.
import { createRequire } from 'node:module';

interface Options {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}

interface Instance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (
  options: { url: string; connections: number; duration: number; headers?: Record<string, string> },
  done: (error: Error | null, result: { requests: { average: number }; non2xx: number; errors: number }) => void,
) => Instance;

// autocannon ships no types; the two calls used here are declared above
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const options = JSON.parse(process.argv[2] ?? '{}') as Options;
const times: number[] = [];

const percentile = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number) : 0;

const instance = autocannon(
  { url: options.url, connections: options.connections, duration: options.seconds, headers: options.headers },
  (error, result) => {
    if (error) throw error;
    const sorted = times.sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({
        requestsPerSecond: result.requests.average,
        requests: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        non2xx: result.non2xx,
        errors: result.errors,
      })}\n`,
    );
  },
);
instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
