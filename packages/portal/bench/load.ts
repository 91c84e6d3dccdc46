/**
 * Load generation for the rating bench. Reads: autocannon at a fixed concurrency with a fresh request
 * each time (another organisation), latencies recorded per response so exact p50/p95/p99 come out
 * (autocannon's summary has p97.5 but no p95). Writes at a fixed rate: an open-loop sender of its own,
 * because autocannon's `overallRate` is a per-second quota each connection spends in a burst when the
 * second starts, which queues the requests it means to spread and falls short of the rate when
 * responses take more than a fraction of a second.
 */
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Responses with another status than `expectStatus`, by status. */
  unexpected: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  expectStatus: number;
  next: () => LoadRequest;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

/** `connections` requests in flight for `duration` seconds, each from `next()`. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.duration,
        timeout: 10,
        requests: [
          {
            setupRequest: (request) => {
              const next = options.next();
              return {
                ...request,
                method: next.method ?? 'GET',
                path: next.path,
                headers: { ...next.headers },
                ...(next.body === undefined ? {} : { body: next.body }),
              };
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status !== options.expectStatus) unexpected[status] = (unexpected[status] ?? 0) + 1;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / Math.max(result.duration, 0.001)),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    errors: result.errors + result.timeouts,
    unexpected,
  };
}

export interface PacedOptions {
  url: string;
  /** Requests per second, evenly spaced. */
  rate: number;
  requests: readonly LoadRequest[];
  expectStatus: number;
}

function send(agent: Agent, url: URL, r: LoadRequest): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { agent, method: r.method ?? 'GET', path: r.path, headers: r.headers ?? {}, timeout: 10_000 },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(0));
    req.end(r.body);
  });
}

/**
 * Sends `requests` at `rate` per second whatever the answers (open loop) and times each from the
 * moment it was due, so a server that falls behind shows it in the latencies (no coordinated omission).
 * The achieved rate counts responses over the time until the last one.
 */
export async function pacedLoad(options: PacedOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const url = new URL(options.url);
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (const [index, r] of options.requests.entries()) {
    const due = started + (index * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      send(agent, url, r).then((status) => {
        latencies.push(performance.now() - due);
        if (status === 0) errors++;
        else if (status !== options.expectStatus) unexpected[status] = (unexpected[status] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    errors,
    unexpected,
  };
}
