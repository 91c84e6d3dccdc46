import { createClient } from '@otklik/client';
import { csrfToken } from './server-session.ts';

/**
 * The console's one client of the portal: same origin, the session cookie sent by the browser and
 * the session's CSRF token on every staff call. Loaded with the first screen that calls the portal.
 */
export const api = createClient({
  baseUrl: location.origin,
  session: { csrfToken },
});
