/**
 * The limits of every route, from the route table: every text, list and map a body or query may
 * carry, and every path parameter, has a declared bound; and the router refuses a value one past
 * each bound (422 naming the field, 400 naming the parameter, 404 for a path that cannot be) before
 * any handler runs. A field added without a limit fails the first test.
 */
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type HttpEvent, httpApi, json, MAX_BODY_BYTES } from '../functions/http/http-api.ts';
import { type Handlers, routesOf } from '../functions/http/router.ts';
import { type ActionSpec, ROUTES, type RouteSpec } from '../functions/http/routes.ts';
import { fixture, loadFixture, sampleSubmission } from './support/fixtures.ts';

type Json = Record<string, unknown>;
type Spec = RouteSpec | ActionSpec;

interface Target {
  label: string;
  route: RouteSpec;
  spec: Spec;
}
const specs: Target[] = (ROUTES as readonly RouteSpec[]).flatMap((route): Target[] =>
  route.actions
    ? route.actions.map((spec) => ({
        label: `${route.method} ${route.path} ${spec.operation}`,
        route,
        spec,
      }))
    : [{ label: `${route.method} ${route.path}`, route, spec: route }],
);

const schemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;

/** A pattern bounds a string's length when it is anchored and repeats nothing without an upper bound. */
const boundedPattern = (pattern: unknown) =>
  typeof pattern === 'string' &&
  pattern.startsWith('^') &&
  pattern.endsWith('$') &&
  !/[*+]|\{\d+,\}/.test(pattern);

/** Every string, array and map under `node` that has no bound, by where it is. */
function unbounded(node: Json, at: string, defs: Json, seen = new Set<string>()): string[] {
  if (typeof node.$ref === 'string') {
    const name = node.$ref.split('/').pop() as string;
    if (seen.has(name)) return [];
    return unbounded(defs[name] as Json, at, defs, new Set([...seen, name]));
  }
  const found: string[] = [];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const branch of (node[key] as Json[] | undefined) ?? [])
      found.push(...unbounded(branch, at, defs, seen));
  }
  const bounded = node.maxLength !== undefined || node.enum || node.const !== undefined || node.format;
  if (node.type === 'string' && !bounded && !boundedPattern(node.pattern)) found.push(`${at} (text)`);
  if (node.type === 'array') {
    if (node.maxItems === undefined) found.push(`${at} (list)`);
    if (node.items) found.push(...unbounded(node.items as Json, `${at}/*`, defs, seen));
  }
  for (const [key, child] of Object.entries((node.properties as Json | undefined) ?? {})) {
    found.push(...unbounded(child as Json, `${at}/${key}`, defs, seen));
  }
  const extra = node.additionalProperties;
  if (extra && typeof extra === 'object') {
    if (node.maxProperties === undefined && !(extra as Json).propertyNames) found.push(`${at} (map)`);
    found.push(...unbounded(extra as Json, `${at}/{key}`, defs, seen));
  }
  return found;
}

describe('every field of every route has a limit', () => {
  it.each(specs)('$label', ({ spec }) => {
    const missing: string[] = [];
    for (const [where, schema] of [
      ['body', spec.body?.schema],
      ['query', spec.query],
      ['path', spec.params?.schema],
    ] as const) {
      if (!schema) continue;
      const json = schemaOf(schema);
      missing.push(...unbounded(json, where, (json.$defs as Json | undefined) ?? {}));
    }
    expect(missing).toEqual([]);
  });

  it('declares the path parameters of every route that has any', () => {
    for (const { label, route, spec } of specs) {
      const names = [...route.path.matchAll(/\{(\w+)\+?\}/g)].map(([, name]) => name);
      if (names.length > 0) expect(route.params ?? spec.params, label).toBeDefined();
    }
  });
});

// --- One past each bound, through the router ---------------------------------------------------

const handled: string[] = [];
const echo = new Proxy(
  {},
  {
    get: (_, operation: string) => async () => {
      handled.push(operation);
      return json(200, {});
    },
  },
) as Handlers<'api'>;
const api = httpApi(routesOf(ROUTES, 'api', echo));
// The web pages' routes, checked by the same router (the page stack only changes how errors look).
const web = httpApi(routesOf(ROUTES, 'web', echo as unknown as Handlers<'web'>));

const version = (() => {
  const en = loadFixture().versions.en;
  if (!en) throw new Error('The design sample has no English version.');
  const { title, body, signature } = en;
  return { title, body, ...(signature ? { signature } : {}) };
})();

/** A valid body for each operation that takes one, so that one field at a time can be pushed past its bound. */
const SAMPLE_BODIES: Record<string, unknown> = {
  submit: sampleSubmission(),
  requestUpload: { annex: 0, contentType: 'application/pdf', bytes: 1000 },
  // The start of a ZIP file, base64: the router checks the field, the converter the file.
  convertDocx: { docx: 'UEsDBA==' },
  rejectSubmission: { reason: 'Not a letter to the Secretary-General.' },
  register: {},
  setSeries: { series: 'A/79', next: 923 },
  putAgenda: fixture('agenda-GA-79.json'),
  followup: { type: 'addendum' },
  distribute: {},
  putVersion: version,
  createSubscription: { url: 'https://hooks.example.org/distr', filters: { organs: ['GA'] } },
};

/** Path parameters of the right shape for each route; one at a time is then pushed too long. */
const SAMPLE_PARAMS: Record<string, string> = {
  organ: 'GA',
  session: '79',
  lang: 'en',
  proxy: 'A/79/923',
  file: 'site.000000000000.css',
};
const sampleParam = (route: RouteSpec, name: string) =>
  name === 'id'
    ? route.path.includes('subscriptions')
      ? `sub_${'0'.repeat(24)}`
      : 'abc'
    : SAMPLE_PARAMS[name];

interface Sent {
  body?: unknown;
  query?: Record<string, string>;
  /** Path parameters to send instead of the samples. */
  params?: Record<string, string>;
}

function send(route: RouteSpec, spec: Spec, { body, query, params }: Sent = {}) {
  const samples = route.actions
    ? { proxy: ['A/79/923', (spec as ActionSpec).path.replace('{lang}', 'fr')].filter(Boolean).join('/') }
    : Object.fromEntries(
        [...route.path.matchAll(/\{(\w+)\+?\}/g)].map(([, name]) => [
          name,
          sampleParam(route, name as string),
        ]),
      );
  const text = body === undefined ? undefined : JSON.stringify(body);
  handled.length = 0;
  return (route.fn === 'web' ? web : api)(
    {
      version: '2.0',
      rawPath: route.path,
      headers: text === undefined ? {} : { 'content-type': 'application/json' },
      ...(text === undefined ? {} : { body: text }),
      ...(query ? { queryStringParameters: query } : {}),
      pathParameters: { ...samples, ...params },
      requestContext: {
        http: { method: route.method, path: route.path },
        authorizer: { lambda: callerFor(spec) },
      },
    } as unknown as HttpEvent,
    {} as Context,
  );
}

/** A caller the route admits, so that its limits are what is tested. */
const callerFor = (spec: Spec) => {
  const role = spec.who === 'anyone' ? 'officer' : spec.who[0];
  return { role, tokenId: 't1', ...(role === 'mission' ? { state: 'DEU' } : {}) };
};

/** The node of `schema` at a JSON path, through references and unions. */
function nodeAt(root: Json, path: (string | number)[]): Json | undefined {
  const defs = (root.$defs as Json | undefined) ?? {};
  const resolve = (node: Json | undefined): Json | undefined => {
    if (!node) return undefined;
    if (typeof node.$ref === 'string') return resolve(defs[node.$ref.split('/').pop() as string] as Json);
    return node;
  };
  let node = resolve(root);
  for (const segment of path) {
    if (!node) return undefined;
    const branches = [node, ...(((node.anyOf ?? node.oneOf ?? []) as Json[]).map(resolve) as Json[])];
    const next = branches
      .map((branch) =>
        typeof segment === 'number'
          ? (branch.items as Json | undefined)
          : ((branch.properties as Json | undefined)?.[segment] as Json | undefined),
      )
      .find(Boolean);
    node = resolve(next);
  }
  return node;
}

/** Every string in `value`, by its path. */
function strings(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, [...path, index]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => strings(item, [...path, key]));
  }
  return [];
}

function withValue(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Json;
  let node = copy as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
  return copy;
}

const pointer = (path: (string | number)[]) => path.map((segment) => `/${segment}`).join('');

describe('one past each limit is refused before a handler runs', () => {
  const withBodies = specs.filter(({ spec }) => spec.body);

  it('has a valid sample body for every operation that takes one', async () => {
    for (const { label, route, spec } of withBodies) {
      const operation = spec.operation as string;
      expect(SAMPLE_BODIES, label).toHaveProperty(operation);
      const answer = await send(route, spec, { body: SAMPLE_BODIES[operation] });
      expect(answer.statusCode, `${label}: ${answer.body}`).toBe(200);
    }
  });

  it.each(withBodies.filter(({ spec }) => strings(SAMPLE_BODIES[spec.operation as string]).length > 0))(
    '$label: every text of its body',
    async ({ route, spec }) => {
      const body = SAMPLE_BODIES[spec.operation as string];
      const schema = schemaOf(spec.body?.schema as z.ZodType);
      const tried: string[] = [];
      for (const path of strings(body)) {
        const max = nodeAt(schema, path)?.maxLength;
        if (typeof max !== 'number') continue;
        const answer = await send(route, spec, { body: withValue(body, path, 'a'.repeat(max + 1)) });
        tried.push(pointer(path));
        if (max + 1 > MAX_BODY_BYTES) {
          expect(answer.statusCode, pointer(path)).toBe(413);
          continue;
        }
        expect(answer.statusCode, pointer(path)).toBe(422);
        const names = (JSON.parse(answer.body ?? '{}')['invalid-params'] as { name: string }[]).map(
          (p) => p.name,
        );
        expect(names, pointer(path)).toContain(pointer(path));
        expect(handled).toEqual([]);
      }
    },
  );

  it.each(specs.filter(({ spec }) => spec.query))(
    '$label: every query parameter',
    async ({ route, spec }) => {
      const properties = (schemaOf(spec.query as z.ZodType).properties ?? {}) as Json;
      for (const name of Object.keys(properties)) {
        const answer = await send(route, spec, { query: { [name]: 'a'.repeat(3_000) } });
        expect(answer.statusCode, name).toBe(400);
        expect(JSON.parse(answer.body ?? '{}')['invalid-params'][0].name, name).toBe(name);
      }
    },
  );

  it.each(specs.filter(({ route }) => route.params))(
    '$label: every path parameter',
    async ({ route, spec }) => {
      const long = 'a'.repeat(3_000);
      const body = spec.body ? SAMPLE_BODIES[spec.operation as string] : undefined;
      const names = Object.keys((schemaOf(route.params?.schema as z.ZodType).properties ?? {}) as Json);
      for (const name of names) {
        const answer = await send(route, spec, { body, params: { [name]: long } });
        expect(answer.statusCode, `${name}: ${answer.body}`).toBe(route.params?.status ?? 404);
        expect(handled).toEqual([]);
      }
      if (route.actions && spec.params) {
        // An action's own parameter, after the symbol.
        const proxy = `A/79/923/${(spec as ActionSpec).path.replace(/\{\w+\}/, 'a'.repeat(500))}`;
        expect((await send(route, spec, { body, params: { proxy } })).statusCode).toBe(404);
        expect(handled).toEqual([]);
      }
    },
  );
});
