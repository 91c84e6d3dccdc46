/**
 * Reads answered from memory before the router runs. A fast path returns a Response synchronously
 * when it can answer the request entirely from what it holds, or undefined, and the request then
 * takes the ordinary path (router, endpoint pipeline, handler) as if the fast path did not exist.
 * Answering synchronously matters: @hono/node-server writes a response that is not a promise at
 * once, skipping the promise chain, and the router, the middleware and the validation are skipped
 * too. A fast path must therefore do itself everything the ordinary path would do for the same
 * answer (its checks, rate limit, headers, log line and metrics), or decline.
 */
import { Context, type Hono } from 'hono';

/**
 * Answers the request with this target (`/path?query`, as sent) or returns undefined; `context` makes
 * the request's context when the target is one it may answer (other requests pay nothing for it).
 */
export type FastPath = (target: string, context: () => Context) => Response | undefined;

/** Makes `app.fetch` (and `app.request`, which calls it) try `fastPath` first. */
export function answerFirst(app: Hono, fastPath: FastPath): void {
  const dispatch = app.fetch;
  app.fetch = (request, env, executionCtx) => {
    // Only GETs: HEAD, preflights and writes always take the ordinary path.
    if (request.method === 'GET') {
      const answer = fastPath(requestTarget(request, env), () => new Context(request, { env }));
      if (answer !== undefined) return answer;
    }
    return dispatch(request, env, executionCtx);
  };
}

/**
 * The request target as sent (`/path?query`, not decoded): from Node's request under
 * @hono/node-server (without building a URL), else from the request's URL.
 */
function requestTarget(request: Request, env: unknown): string {
  const incoming = (env as { incoming?: { url?: unknown } } | undefined)?.incoming;
  if (typeof incoming?.url === 'string') return incoming.url;
  const url = request.url;
  const path = url.indexOf('/', url.indexOf('//') + 2);
  return path < 0 ? '/' : url.slice(path);
}
