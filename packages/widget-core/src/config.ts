import type { FetchRouteOptions } from '@otklik/client';

/** What the loader hands to every widget. */
export interface WidgetConfig {
  /** The portal's base URL (API under `<portalUrl>/v1/...`), e.g. `https://otklik.example.org`. */
  portalUrl: string;
  /** A `fetch` to use instead of the global one (tests, instrumented pages). */
  fetch?: typeof fetch;
}

/** Where a widget's requests go: the portal's address and the `fetch` to use, as `fetchRoute` takes them. */
export type Portal = FetchRouteOptions;

/** The portal of this config. */
export function portalOf(config: WidgetConfig): Portal {
  return config.fetch ? { baseUrl: config.portalUrl, fetch: config.fetch } : { baseUrl: config.portalUrl };
}
