/**
 * `GET /v1/openapi.json`: the API described as OpenAPI 3.1, built from the route table (routes.ts)
 * and the zod schemas it names for requests and answers, so the description cannot drift from what
 * the API checks and sends.
 */
import { z } from 'zod';
import type { HttpResult } from './http-api.ts';
import { problemSchema } from './responses.ts';
import { type ResponseSpec, ROUTES, type RouteSpec } from './routes.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** A zod schema as an OpenAPI 3.1 (JSON Schema 2020-12) component, as clients must send it. */
export const requestSchema = (schema: z.ZodType) => jsonSchema(schema, 'input');

const problemContent = { 'application/problem+json': { schema: ref('Problem') } };

/** A query schema's fields as OpenAPI query parameters. */
function queryParameters(schema: z.ZodType): unknown[] {
  const { properties = {} } = jsonSchema(schema, 'input') as { properties?: Record<string, unknown> };
  return Object.entries(properties).map(([name, schema]) => ({ name, in: 'query', schema }));
}

/** `{proxy+}` is API Gateway's greedy parameter; OpenAPI names it plainly and documents the slashes. */
const openApiPath = (path: string) => path.replace('{proxy+}', '{proxy}');

function response(status: number, spec: ResponseSpec) {
  const headers = spec.headers?.length
    ? { headers: Object.fromEntries(spec.headers.map((h) => [h, { schema: { type: 'string' } }])) }
    : {};
  if (status >= 400) return { description: spec.description, content: problemContent, ...headers };
  const contentType = spec.contentType ?? 'application/json';
  const content = spec.schema
    ? { content: { [contentType]: { schema: jsonSchema(spec.schema, 'output') } } }
    : spec.contentType
      ? { content: { [contentType]: {} } }
      : {};
  return { description: spec.description, ...content, ...headers };
}

function operationFor(route: RouteSpec) {
  const declared = route.params
    ? ((jsonSchema(route.params.schema, 'input') as { properties?: Record<string, unknown> }).properties ??
      {})
    : {};
  const pathParams = [...route.path.matchAll(/\{([^}+]+)\+?\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: declared[name as string] ?? { type: 'string' },
    ...(name === 'proxy'
      ? { description: 'The rest of the path: a document symbol (with its slashes) and an action' }
      : {}),
  }));
  const security =
    route.auth === 'none' ? [] : route.who === 'anyone' ? [{}, { bearerAuth: [] }] : [{ bearerAuth: [] }];
  const authResponses =
    route.auth === 'token'
      ? {
          '401': { description: 'No, invalid or revoked bearer token', content: problemContent },
          '403': { description: 'The token’s role may not do this', content: problemContent },
        }
      : {};
  const idempotency = route.idempotent
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'A repeat with the same key and body answers as the first request did',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
        },
      ]
    : [];
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}+]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    security,
    parameters: [...(route.query ? queryParameters(route.query) : []), ...idempotency, ...pathParams],
    ...(route.body
      ? {
          requestBody: {
            required: !route.body.optional,
            content: { 'application/json': { schema: ref(route.body.name) } },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(route.responses).map(([s, spec]) => [s, response(Number(s), spec)]),
      ),
      ...authResponses,
      default: { description: 'Any other error, as problem+json', content: problemContent },
    },
  };
}

/** The API function's routes only: the web pages are HTML for people, not part of the API. */
export function openApiDocument(routes: readonly RouteSpec[] = ROUTES.filter((route) => route.fn === 'api')) {
  const paths: Record<string, Record<string, unknown>> = {};
  const requestSchemas: Record<string, unknown> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationFor(route);
    if (route.body) requestSchemas[route.body.name] = requestSchema(route.body.schema);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Distr',
      version: '1',
      description:
        'Issues multilingual UN-style parliamentary documents. Errors are RFC 9457 problem+json naming the field.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token `distr_<id>_<secret>`' },
      },
      schemas: { ...requestSchemas, Problem: jsonSchema(problemSchema, 'output') },
    },
  };
}

/** `GET /v1/openapi.json`, built on first request and kept for the life of the function. */
export function openApiHandler(): () => Promise<HttpResult> {
  let document: string | undefined;
  return async () => {
    document ??= JSON.stringify(openApiDocument());
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: document };
  };
}
