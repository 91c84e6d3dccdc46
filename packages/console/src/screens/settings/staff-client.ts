import { createClient, type OtklikClient } from '@otklik/client';
import { effect, signal } from '@preact/signals';
import { serverSession } from '../../server-session.ts';

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

/** While someone is signed in, the screens use the session's client (and drop it at sign-out). */
effect(() => {
  const signedIn = serverSession.value !== null;
  void import('../../api.ts').then(({ api }) => {
    if (signedIn !== (serverSession.peek() !== null)) return; // a later change takes its own turn
    if (signedIn) staffClient.value = api;
    else if (staffClient.value === api) staffClient.value = null;
  });
});
