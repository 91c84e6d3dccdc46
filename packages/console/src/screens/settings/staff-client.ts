import { createClient, type OtklikClient } from '@otklik/client';
import { signal } from '@preact/signals';

/**
 * The client the settings screens call the portal with: the signed-in session's, or one with an
 * organisation's API key given on the settings screen (kept in memory only: gone when the tab
 * closes). Tests set one with their own `fetch`.
 */
export const staffClient = signal<OtklikClient | null>(null);

/** The client, once the screen has one (the tabs render only then). */
export const client = (): OtklikClient => {
  const current = staffClient.value;
  if (current === null) throw new Error('No client: sign in or give an API key first');
  return current;
};

/** A client for this portal (the console's own origin) with an organisation's API key. */
export function connectWithApiKey(apiKey: string): OtklikClient {
  const keyed = createClient({ baseUrl: location.origin, ...(apiKey ? { apiKey } : {}) });
  staffClient.value = keyed;
  return keyed;
}
