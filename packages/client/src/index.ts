export { type ClientOptions, createClient, type OtklikClient } from './client.ts';
export * from './contract.ts';
export * from './errors.ts';
export { type FetchRouteOptions, fetchRoute } from './fetch-route.ts';
export * from './routes.ts';
export * from './schemas/index.ts';
export {
  type CallOptions,
  createTransport,
  type ParamsOf,
  type QueryOf,
  type RequestInput,
  type ResponseOf,
  request,
  type Transport,
  type TransportOptions,
} from './transport.ts';
