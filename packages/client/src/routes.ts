/**
 * Method and path of every endpoint, without schemas. The contract (contract.ts) adds the schemas;
 * size-critical browser code calls these routes with {@link fetchRoute} so that it bundles no schema.
 * One module per route (`routes/<area>/<route>.ts`, listed by the area modules): a bundler places a
 * module whole, so a route that two widgets use would otherwise bring its area's other routes into
 * the chunk they share (and into every page that loads it).
 */
export * from './routes/appeals.ts';
export * from './routes/directory.ts';
export * from './routes/ratings.ts';
