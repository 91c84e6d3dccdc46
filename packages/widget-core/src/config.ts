/** What the loader hands to every widget. */
export interface WidgetConfig {
  /** The portal's base URL (API under `<portalUrl>/v1/...`), e.g. `https://otklik.example.org`. */
  portalUrl: string;
  /** A `fetch` to use instead of the global one (tests, instrumented pages). */
  fetch?: typeof fetch;
}

/** The client's call options for this config's portal. */
export function portalOf(config: WidgetConfig): { baseUrl: string; fetch?: typeof fetch } {
  return config.fetch ? { baseUrl: config.portalUrl, fetch: config.fetch } : { baseUrl: config.portalUrl };
}
