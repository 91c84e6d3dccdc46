/**
 * A cacheable JSON representation together with the headers of its answers, all built once: a read
 * answered from memory then costs no serialisation, no hashing and no header assembly, and a 304 no
 * body at all. The headers are the ones the endpoint pipeline sends for the same request (observe.ts,
 * cors.ts, respond.ts); the tests of the counter check both paths alike.
 */
import { matchesIfNoneMatch } from './cache.ts';
import { EXPOSED_HEADERS } from './cors.ts';
import { NOSNIFF } from './observe.ts';
import { type JsonReply, PUBLIC_CACHE_CONTROL, represent } from './respond.ts';

const EXPOSED = EXPOSED_HEADERS.join(', ');

export class CachedAnswer<T> {
  /** What the endpoint's handler returns on the ordinary path. */
  readonly reply: JsonReply<T>;
  readonly #notModified: Readonly<Record<string, string>>;
  readonly #ok: Readonly<Record<string, string>>;

  constructor(value: T) {
    this.reply = represent(value);
    // Never changed after this: every answer of this representation shares them.
    this.#notModified = Object.freeze({
      [NOSNIFF.name]: NOSNIFF.value,
      Vary: 'Origin',
      ETag: this.reply.etag ?? '',
      'Cache-Control': PUBLIC_CACHE_CONTROL,
    });
    this.#ok = Object.freeze({ ...this.#notModified, 'Content-Type': 'application/json; charset=utf-8' });
  }

  /**
   * The answer to a GET with these request headers; `origin` must already have been allowed (a
   * page's widget reads the tag and the body; a refused one never gets here).
   */
  respond(ifNoneMatch: string | undefined, origin: string | undefined): Response {
    const notModified = matchesIfNoneMatch(ifNoneMatch, this.reply.etag ?? '');
    let headers = notModified ? this.#notModified : this.#ok;
    if (origin !== undefined) {
      headers = {
        ...headers,
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Expose-Headers': EXPOSED,
      };
    }
    return notModified
      ? new Response(null, { status: 304, headers })
      : new Response(this.reply.json, { status: 200, headers });
  }
}
