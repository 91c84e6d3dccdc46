/** Types derived from an endpoint definition: what a call sends and what it resolves to. */
import type * as v from 'valibot';
import type { EndpointDefinition } from './endpoint.ts';

type Output<TSchema> = TSchema extends v.GenericSchema ? v.InferOutput<TSchema> : never;

/** Path parameters an endpoint needs, by name. */
export type ParamsOf<TEndpoint extends EndpointDefinition> = TEndpoint extends { params: infer P }
  ? Output<P>
  : never;

/** Query parameters an endpoint accepts, as decoded values; all optional (the portal applies the defaults). */
export type QueryOf<TEndpoint extends EndpointDefinition> = TEndpoint extends { query: infer Q }
  ? Partial<Output<Q>>
  : never;

/** The JSON body an endpoint takes, as the caller writes it. */
export type BodyOf<TEndpoint extends EndpointDefinition> = TEndpoint extends { body: infer B }
  ? B extends v.GenericSchema
    ? v.InferInput<B>
    : never
  : never;

/** What a successful call resolves to: the validated JSON, a `Blob` for a download, nothing for a 204. */
export type ResponseOf<TEndpoint extends EndpointDefinition> = TEndpoint extends { response: infer R }
  ? Output<R>
  : TEndpoint extends { download: string }
    ? Blob
    : undefined;

/** How far an upload has got. */
export interface UploadProgress {
  /** 0…1. */
  readonly percent: number;
  readonly transferredBytes: number;
  /** 0 when the size is not known in advance. */
  readonly totalBytes: number;
}

/**
 * Input of one call: `params` when the path has placeholders, `query` when it takes one, `body` for
 * JSON writes, `file` for uploads, `idempotencyKey` for writes that must happen once (reuse the same
 * key when you retry the same action), `accessSecret` for an applicant's calls on their appeal,
 * `uploadToken` to delete an upload. Whatever an endpoint does not take is typed `never`, so a wrong
 * call does not compile. (Staff credentials are an option of the client, not of a call.)
 */
export type RequestInput<TEndpoint extends EndpointDefinition> = ([ParamsOf<TEndpoint>] extends [never]
  ? { params?: never }
  : { params: ParamsOf<TEndpoint> }) &
  ([QueryOf<TEndpoint>] extends [never] ? { query?: never } : { query?: QueryOf<TEndpoint> }) &
  ([BodyOf<TEndpoint>] extends [never] ? { body?: never } : { body: BodyOf<TEndpoint> }) &
  (TEndpoint extends { upload: 'multipart' }
    ? {
        file: Blob;
        /** Sent as the part's file name; default the `File`'s own name, else `file`. */
        fileName?: string;
        onProgress?: (progress: UploadProgress) => void;
      }
    : { file?: never; fileName?: never; onProgress?: never }) &
  (TEndpoint extends { idempotent: true } ? { idempotencyKey: string } : { idempotencyKey?: never }) &
  (TEndpoint extends { auth: 'appeal-secret' } ? { accessSecret: string } : { accessSecret?: never }) &
  (TEndpoint extends { auth: 'upload-token' } ? { uploadToken: string } : { uploadToken?: never });
