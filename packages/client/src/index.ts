export { type ClientOptions, createClient, type OnceOptions, type OtklikClient } from './client.ts';
export * from './contract.ts';
export * from './errors.ts';
export { type FetchRouteOptions, fetchRoute } from './fetch-route.ts';
export { type SolveOptions, solveChallenge } from './pow.ts';
export * from './profiles.ts';
export * from './routes.ts';
export * from './schemas/index.ts';
export {
  type BodyOf,
  type CallOptions,
  callHeaders,
  createTransport,
  type ParamsOf,
  type QueryOf,
  type RequestInput,
  type ResponseOf,
  request,
  type Transport,
  type TransportOptions,
} from './transport.ts';
