/**
 * A fake portal for the widgets' happy-dom tests: a `fetch` that routes by method and path, records
 * every call (headers and JSON body) and answers with JSON, a problem document or a network failure.
 * Test-only (imports Vitest); no widget bundle imports it. `@otklik/widget-core/test-portal`.
 */
import { vi } from 'vitest';

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** What a route answers: a value sent as JSON (status 200), a Response, or a thrown error. */
export type Answer = unknown | Response | (() => unknown);

export function fakePortal(routes: Record<string, Answer | Answer[]>) {
  const calls: Call[] = [];
  const counts = new Map<string, number>();
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const key = `${method} ${url.pathname}`;
    calls.push({
      method,
      path: url.pathname,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const route = routes[key];
    if (route === undefined)
      return json({ type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' }, 404);
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    let answer = Array.isArray(route) ? route[Math.min(n, route.length - 1)] : route;
    if (typeof answer === 'function') answer = await (answer as () => unknown)();
    if (answer instanceof Error) throw answer;
    return answer instanceof Response ? answer : json(answer, method === 'POST' ? 201 : 200);
  });
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    calls,
    of: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key),
  };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const problem = (status: number, code: string, issues?: { path: string; message: string }[]) =>
  new Response(
    JSON.stringify({ type: 'about:blank', title: code, status, code, ...(issues ? { issues } : {}) }),
    {
      status,
      headers: { 'content-type': 'application/problem+json' },
    },
  );

/** A proof-of-work challenge as the portal sends it (tests inject the solver). */
export const challenge = {
  algorithm: 'SHA-256' as const,
  challenge: 'a'.repeat(64),
  salt: 'salt-salt-salt',
  maxNumber: 1000,
  expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
  signature: 'b'.repeat(64),
};
