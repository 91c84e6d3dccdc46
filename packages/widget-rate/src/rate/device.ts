/**
 * The device id sent with every rating, so that the portal can take one anonymous rating per device,
 * service and day.
 *
 * It is not personal data: a random value made here, tied to no person, account, e-mail or other
 * identifier, not derived from anything about the browser (no fingerprinting), and the portal keeps
 * only a keyed hash of it. Clearing the site's storage simply makes a new one. Where `localStorage`
 * is unavailable (blocked storage, some private modes) an id kept in memory for this page serves.
 */

const KEY = 'otklik:device-id';
let inMemory: string | undefined;

/** 32 random hexadecimal characters (URL-safe): `crypto.randomUUID`, or random bytes where it is missing. */
export function randomId(): string {
  // `randomUUID` exists only in secure contexts; plain-HTTP school sites still have `getRandomValues`.
  return crypto.randomUUID
    ? crypto.randomUUID().replace(/-/g, '')
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function deviceId(): string {
  try {
    let id = localStorage.getItem(KEY);
    if (!id || !/^[\w-]{16,64}$/.test(id)) {
      id = randomId();
      localStorage.setItem(KEY, id);
    }
    return id;
  } catch {
    inMemory ??= randomId();
    return inMemory;
  }
}
