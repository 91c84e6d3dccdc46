import { createClient, type OtklikClient } from '@otklik/client';
import { signal } from '@preact/signals';

/**
 * The client the settings screens call the portal with. Until staff sign-in lands, it carries the
 * API key given on the settings screen (kept in memory only: gone when the tab closes); a signed-in
 * session will set its own client here. Tests set one with their own `fetch`.
 */
export const staffClient = signal<OtklikClient | null>(null);

/** A client for this portal (the console's own origin) with an organisation's API key. */
export function connectWithApiKey(apiKey: string): OtklikClient {
  const client = createClient({ baseUrl: location.origin, ...(apiKey ? { apiKey } : {}) });
  staffClient.value = client;
  return client;
}
