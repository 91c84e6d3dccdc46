import type { MiddlewareHandler } from 'hono';
import { ProblemError } from './problem.ts';

/**
 * Whether every percent-escape of `part` decodes to UTF-8 (`%FF`, a lone `%` or a cut sequence do not).
 * `+` is a space in a query and a plus in a path: either way it is text.
 */
function decodes(part: string): boolean {
  if (!part.includes('%')) return true;
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses a URL whose path or query holds percent-escapes that are not UTF-8 with a 400 `bad-request`,
 * before any route reads it. Hono leaves such an escape as it is (`%FF` stays three characters), so a
 * search would otherwise run for the literal text and a page route serve its fallback: bad input
 * answered as if it were good.
 */
export const refuseMalformedUrl: MiddlewareHandler = async (c, next) => {
  const url = c.req.url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const target = start < 0 ? '' : url.slice(start);
  const hash = target.indexOf('#');
  const [path = '', query = ''] = (hash < 0 ? target : target.slice(0, hash)).split(/\?(.*)/s);
  if (!decodes(path) || !query.split('&').every(decodes)) {
    throw new ProblemError(400, 'bad-request', 'The URL has percent-escapes that are not UTF-8');
  }
  await next();
};
