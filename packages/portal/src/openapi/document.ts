import { endpoints } from '@otklik/client/contract';
import { Problem } from '@otklik/client/schemas';
import { type ConversionConfig, toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { attachmentEndpoints } from '../attachments/routes.ts';
import { staffEndpoints } from '../routes/staff.ts';

type JsonObject = Record<string, unknown>;
interface StaffEndpoint {
  method: string;
  path: string;
  summary: string;
  description: string;
  tags: readonly string[];
  params?: v.GenericSchema;
  query?: v.GenericSchema;
  body?: v.GenericSchema;
  /** A JSON response; or `responseContent` for another media type (a CSV download). */
  response?: v.GenericSchema;
  responseContent?: JsonObject;
  successStatus?: number;
}
/** Endpoints with multipart or binary bodies, documented beside the staff ones. */
interface ExtraEndpoint extends Omit<StaffEndpoint, 'response'> {
  security: readonly Record<string, readonly string[]>[];
  requestBody?: JsonObject;
  response?: v.GenericSchema;
  responseContent?: JsonObject;
}

const base: ConversionConfig = { target: 'draft-2020-12', errorMode: 'ignore' };
/** Query strings and bodies are documented as clients send them; responses as the server sends them. */
const inputSchema = (schema: v.GenericSchema) =>
  strip(toJsonSchema(schema, { ...base, typeMode: 'input' }) as JsonObject);
const outputSchema = (schema: v.GenericSchema) =>
  strip(toJsonSchema(schema, { ...base, typeMode: 'output' }) as JsonObject);

/** OpenAPI 3.1 embeds JSON Schema 2020-12 but a `$schema` key per schema is noise. */
function strip(schema: JsonObject): JsonObject {
  const { $schema: _, ...rest } = schema;
  return rest;
}

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemRef } },
});

function parameters(where: 'path' | 'query', schema: v.GenericSchema | undefined): JsonObject[] {
  if (schema === undefined) return [];
  const json = inputSchema(schema) as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as { description?: string };
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** The OpenAPI 3.1 document of the portal API, generated from the contract table and the staff table. */
export function buildOpenApiDocument(serverUrl?: string): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const [operationId, e] of Object.entries(endpoints)) {
    const ops = paths[e.path] ?? {};
    paths[e.path] = ops;
    ops[e.method.toLowerCase()] = {
      operationId,
      summary: e.summary,
      ...('description' in e ? { description: e.description } : {}),
      tags: [...e.tags],
      parameters: [
        ...parameters('path', 'params' in e ? e.params : undefined),
        ...parameters('query', 'query' in e ? e.query : undefined),
        ...(e.cacheable
          ? [{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }]
          : []),
        ...('idempotent' in e && e.idempotent
          ? [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }]
          : []),
      ],
      ...('auth' in e ? { security: [{ appealSecret: [] }] } : {}),
      ...('body' in e
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: inputSchema(e.body) } } },
          }
        : {}),
      responses: {
        [String(('successStatus' in e ? e.successStatus : undefined) ?? 200)]: {
          description: 'OK',
          ...(e.cacheable
            ? {
                headers: {
                  ETag: { schema: { type: 'string' } },
                  'Cache-Control': { schema: { type: 'string' } },
                },
              }
            : {}),
          content: { 'application/json': { schema: outputSchema(e.response) } },
        },
        ...(e.cacheable ? { '304': { description: 'Not modified (matching If-None-Match)' } } : {}),
        '403': problemResponse('Origin not allowed (`origin-not-allowed`)'),
        '404': problemResponse('Unknown organisation (`organization-not-found`)'),
        '422': problemResponse('Invalid parameters (`validation-failed`)'),
        default: problemResponse('Any other error'),
      },
      'x-otklik-access': e.access,
    };
  }
  for (const [operationId, endpoint] of Object.entries(staffEndpoints)) {
    const e = endpoint as StaffEndpoint;
    const ops = paths[e.path] ?? {};
    paths[e.path] = ops;
    const status = String(e.successStatus ?? 200);
    ops[e.method.toLowerCase()] = {
      operationId,
      summary: e.summary,
      description: e.description,
      tags: [...e.tags],
      security: [{ apiKey: [] }],
      parameters: [...parameters('path', e.params), ...parameters('query', e.query)],
      ...(e.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: inputSchema(e.body) } } },
          }
        : {}),
      responses: {
        [status]: {
          description: 'OK',
          content: e.response
            ? { 'application/json': { schema: outputSchema(e.response) } }
            : (e.responseContent ?? {}),
        },
        '400': problemResponse('Malformed JSON (`malformed-json`)'),
        '401': problemResponse('Missing or invalid API key (`unauthorized`)'),
        '403': problemResponse("Another organisation's key (`forbidden`)"),
        '404': problemResponse('No such appeal in your organisation (`not-found`)'),
        '409': problemResponse('Not allowed in the current state (`conflict`)'),
        '413': problemResponse('Body too large (`payload-too-large`)'),
        '415': problemResponse('Not JSON (`unsupported-media-type`)'),
        '422': problemResponse('Invalid body (`validation-failed`)'),
        default: problemResponse('Any other error'),
      },
    };
  }
  for (const [operationId, endpoint] of Object.entries(attachmentEndpoints)) {
    const e = endpoint as ExtraEndpoint;
    const ops = paths[e.path] ?? {};
    paths[e.path] = ops;
    const ok = e.response
      ? { content: { 'application/json': { schema: outputSchema(e.response) } } }
      : (e.responseContent ?? {});
    ops[e.method.toLowerCase()] = {
      operationId,
      summary: e.summary,
      description: e.description,
      tags: [...e.tags],
      security: e.security,
      parameters: parameters('path', e.params),
      ...(e.requestBody ? { requestBody: e.requestBody } : {}),
      responses: {
        [String(e.successStatus ?? 200)]: { description: 'OK', ...ok },
        '401': problemResponse('Missing or wrong secret, token or key (`unauthorized`)'),
        '403': problemResponse('Origin not allowed (`origin-not-allowed`)'),
        '404': problemResponse('Unknown organisation, appeal or attachment'),
        '413': problemResponse('File too large (`payload-too-large`)'),
        '415': problemResponse('Type not accepted, disguised or macro-enabled (`unsupported-media-type`)'),
        '429': problemResponse('Rate limited (`rate-limited`, with Retry-After)'),
        default: problemResponse('Any other error'),
      },
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Otklik portal API',
      version: '1',
      description:
        'The organisation directory, widget settings, appeal counter statistics, the citizen appeal ' +
        'flow (proof of work, e-mail code, filing, the applicant’s view and actions) and the staff API. ' +
        'Errors are RFC 9457 problem details with a stable code and per-field issues. Writes marked ' +
        'idempotent take an Idempotency-Key header: a retry returns the first answer.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: { Problem: outputSchema(Problem) },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Organisation API key otk_…' },
        appealSecret: { type: 'http', scheme: 'bearer', description: "The appeal's access secret" },
        uploadToken: { type: 'http', scheme: 'bearer', description: 'The token returned with an upload' },
      },
    },
  };
}
