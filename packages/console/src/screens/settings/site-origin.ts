import { WebOrigin } from '@otklik/client/schemas';
import * as v from 'valibot';

/**
 * A site's address as a clerk pastes it from the browser's address bar (`https://school.example.ru/`,
 * with the slash the browser adds) made into the origin the portal wants. A path, a query or an
 * address without its scheme is left as typed, for `WebOrigin` to refuse.
 */
export function originOf(typed: string): string {
  const value = typed.trim();
  try {
    const url = new URL(value);
    const bare = url.pathname === '/' && url.search === '' && url.hash === '' && !/[?#]$/.test(value);
    return bare && /^https?:\/\//i.test(value) ? url.origin : value;
  } catch {
    return value;
  }
}

/** The allowed-origin field: what is typed, made an origin where it plainly is one, then checked. */
export const SiteOriginField = v.pipe(v.string(), v.transform(originOf), WebOrigin);
