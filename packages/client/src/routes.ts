/**
 * Method and path of every endpoint, without schemas. The contract (contract.ts) adds the schemas;
 * size-critical browser code calls these routes with {@link fetchRoute} so that it bundles no schema.
 * One module per area, so that a bundle shared by several widgets carries only the routes they all use.
 */
export * from './routes/appeals.ts';
export * from './routes/directory.ts';
export * from './routes/ratings.ts';
