import { type EndpointDefinition, endpoints } from '@otklik/client/contract';
import { Problem } from '@otklik/client/schemas';
import { type ConversionConfig, toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { OIDC_CALLBACK_PATH } from '../identity/oidc.ts';
import { OIDC_START_PATH } from '../identity/oidc-pages.ts';

type JsonObject = Record<string, unknown>;

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
const problem = (description: string) => ({
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

const header = (name: string, required: boolean) => ({
  name,
  in: 'header',
  required,
  schema: { type: 'string' },
});

const SECURITY = { 'appeal-secret': 'appealSecret', 'upload-token': 'uploadToken' } as const;

const MULTIPART_FILE = {
  'multipart/form-data': {
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    },
  },
};

/** What a successful answer carries: JSON, a file, or nothing. */
function success(e: EndpointDefinition): JsonObject {
  if (e.response !== undefined) {
    return {
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
    };
  }
  if (e.download === 'text/csv')
    return { description: 'OK', content: { 'text/csv': { schema: { type: 'string' } } } };
  if (e.download === 'binary') {
    return {
      description: 'OK',
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    };
  }
  return { description: 'Done (no content)' };
}

/** The refusals an endpoint may answer with, from what its definition says it takes. */
function refusals(e: EndpointDefinition): Record<string, JsonObject> {
  const staff = e.access === 'staff';
  const writes = e.body !== undefined;
  return {
    ...(writes ? { '400': problem('Malformed JSON (`malformed-json`)') } : {}),
    ...(e.idempotent
      ? { '400': problem('Missing Idempotency-Key or malformed JSON (`bad-request`, `malformed-json`)') }
      : {}),
    ...(staff || e.auth ? { '401': problem('Missing or wrong secret, token or key (`unauthorized`)') } : {}),
    '403': problem(
      staff
        ? "Another organisation's key, or a permission the key lacks (`forbidden`)"
        : 'Origin not allowed (`origin-not-allowed`)',
    ),
    '404': problem(
      staff ? 'No such appeal in your organisation (`not-found`)' : 'Unknown organisation, appeal or file',
    ),
    ...(e.idempotent
      ? {
          '409': problem(
            'A request with this Idempotency-Key is still in progress (`conflict`, retry later)',
          ),
        }
      : staff && writes
        ? { '409': problem('Not allowed in the current state (`conflict`, with a `reason`)') }
        : {}),
    ...(writes || e.upload ? { '413': problem('Body too large (`payload-too-large`)') } : {}),
    ...(writes ? { '415': problem('Not JSON (`unsupported-media-type`)') } : {}),
    ...(e.upload
      ? { '415': problem('Type not accepted, disguised or macro-enabled (`unsupported-media-type`)') }
      : {}),
    ...(e.params || e.query || writes
      ? {
          '422': problem(
            e.idempotent
              ? 'Invalid input (`validation-failed`), or the Idempotency-Key was used with another body (`idempotency-key-reused`)'
              : 'Invalid input (`validation-failed`)',
          ),
        }
      : {}),
    ...(staff ? {} : { '429': problem('Rate limited (`rate-limited`, with Retry-After)') }),
    default: problem('Any other error'),
  };
}

function operation(operationId: string, e: EndpointDefinition): JsonObject {
  return {
    operationId,
    summary: e.summary,
    ...(e.description === undefined ? {} : { description: e.description }),
    tags: [...e.tags],
    ...(e.access === 'staff'
      ? { security: [{ apiKey: [] }, { staffSession: [] }], 'x-otklik-permission': e.permission }
      : e.auth
        ? { security: [{ [SECURITY[e.auth]]: [] }] }
        : {}),
    parameters: [
      ...parameters('path', e.params),
      ...parameters('query', e.query),
      ...(e.cacheable ? [header('If-None-Match', false)] : []),
      ...(e.idempotent ? [header('Idempotency-Key', true)] : []),
    ],
    ...(e.body !== undefined
      ? { requestBody: { required: true, content: { 'application/json': { schema: inputSchema(e.body) } } } }
      : e.upload
        ? { requestBody: { required: true, content: MULTIPART_FILE } }
        : {}),
    responses: {
      [String(e.successStatus ?? 200)]: success(e),
      ...(e.cacheable ? { '304': { description: 'Not modified (matching If-None-Match)' } } : {}),
      ...refusals(e),
    },
    'x-otklik-access': e.access,
  };
}

/**
 * The OpenID Connect sign-in: navigations in a popup (pages, not API calls), so they are not in
 * the contract; documented here so that the reference lists every path the portal serves under /v1.
 */
const oidcPages: Record<string, Record<string, JsonObject>> = {
  [OIDC_START_PATH]: {
    get: {
      operationId: 'startOidcLogin',
      summary: 'Start an OpenID Connect sign-in (open in a popup)',
      description:
        'Redirects to the provider. Enabled providers are listed in the widget settings ' +
        '(`appeals.identity.oidcProviders`). Rate-limited.',
      tags: ['identity'],
      parameters: [
        { name: 'organizationId', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'providerId', in: 'path', required: true, schema: { type: 'string' } },
        {
          name: 'returnOrigin',
          in: 'query',
          required: true,
          description: 'The origin of the page the widget is on; the identity is posted to it',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '302': { description: "To the provider's sign-in page" },
        '404': problem('Unknown organisation or provider'),
        '422': problem('`returnOrigin` is not an origin (`validation-failed`)'),
        '429': problem('Rate limited (`rate-limited`, with Retry-After)'),
      },
    },
  },
  [OIDC_CALLBACK_PATH]: {
    get: {
      operationId: 'completeOidcLogin',
      summary: 'Where the provider returns to; posts the identity token to the opener and closes',
      description:
        'A page with no inline script: the token goes to the recorded origin of the page that opened ' +
        'the popup, as a `message` event `{ type: "otklik:identity", identityToken, email, method, expiresAt }`.',
      tags: ['identity'],
      responses: {
        '200': { description: 'The closing page', content: { 'text/html': { schema: { type: 'string' } } } },
        '400': { description: 'The sign-in failed (the page says why and tells the opener)' },
      },
    },
  },
};

/** The OpenAPI 3.1 document of the portal API: every endpoint of the contract, and the sign-in pages. */
export function buildOpenApiDocument(serverUrl?: string): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const [operationId, e] of Object.entries(endpoints) as [string, EndpointDefinition][]) {
    const ops = paths[e.path] ?? {};
    paths[e.path] = ops;
    ops[e.method.toLowerCase()] = operation(operationId, e);
  }
  Object.assign(paths, oidcPages);
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Otklik portal API',
      version: '1',
      description:
        'The organisation directory, widget settings, appeal counter statistics, the citizen appeal ' +
        'flow (proof of work, e-mail code, filing, the applicant’s view and actions) and the staff API. ' +
        'Errors are RFC 9457 problem details with a stable code and per-field issues. Where one code ' +
        'covers situations a client must tell apart (a `conflict` over an appeal already closed, or ' +
        'over a draft on approval), the problem and its issues carry a stable `reason`; issues the ' +
        'schema found carry the `kind` of check that failed. Translate by code, reason and kind; ' +
        '`detail` and `message` are English text that may change. Writes marked ' +
        'idempotent take an Idempotency-Key header: a retry returns the first answer.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: { Problem: outputSchema(Problem) },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Organisation API key otk_…' },
        staffSession: {
          type: 'apiKey',
          in: 'cookie',
          name: '__Host-otklik-session',
          description: 'Console session (writes also send X-CSRF-Token); `otklik-session` on loopback',
        },
        appealSecret: { type: 'http', scheme: 'bearer', description: "The appeal's access secret" },
        uploadToken: { type: 'http', scheme: 'bearer', description: 'The token returned with an upload' },
      },
    },
  };
}
