/**
 * Method and path of every endpoint, without schemas (`@otklik/client/routes`). The contract
 * (`contract/`) adds the schemas; size-critical browser code calls these routes with `fetchRoute`
 * so that it bundles no schema. One module per route (`routes/<area>/<route>.ts`, listed by the area
 * modules): a bundler places a module whole, so a route that two widgets use would otherwise bring its
 * area's other routes into the chunk they share (and into every page that loads it).
 */
export * from './appeals.ts';
export * from './attachments.ts';
export * from './calendars.ts';
export * from './challenges.ts';
export * from './directory.ts';
export * from './identity.ts';
export * from './ratings.ts';
export * from './staff-access.ts';
export * from './staff-appeals.ts';
export * from './staff-desk-card.ts';
export * from './staff-queue.ts';
export * from './staff-ratings.ts';
export * from './staff-reports.ts';
export * from './staff-settings.ts';
export * from './staff-webhooks.ts';
