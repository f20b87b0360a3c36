import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { submissionRequestSchema } from '../functions/domain/submission.ts';
import { rejectRequestSchema, uploadRequestSchema } from '../functions/domain/submissions-service.ts';
import { openApiDocument, openApiHandler } from '../functions/http/openapi.ts';
import { ROUTES } from '../functions/http/routes.ts';

const doc = openApiDocument();
type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  parameters: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
const operation = (method: string, path: string) =>
  (doc.paths[path.replace('{proxy+}', '{proxy}')] as Record<string, Operation> | undefined)?.[
    method.toLowerCase()
  ];

const withoutDialect = (schema: Record<string, unknown>) => {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
};

describe('the OpenAPI document', () => {
  it('is an OpenAPI 3.1 object with a bearer security scheme', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Distr', version: expect.any(String) });
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer', description: expect.any(String) },
    });
    expect(Object.keys(doc.paths).every((path) => path.startsWith('/'))).toBe(true);
  });

  it('lists every route of the contract, with bearer security exactly where the authorizer runs', () => {
    // The API's routes: the web function's HTML pages are not part of the API's contract.
    const apiRoutes = ROUTES.filter((route) => route.fn === 'api');
    for (const route of ROUTES.filter((r) => r.fn !== 'api')) {
      expect(operation(route.method, route.path), `${route.method} ${route.path}`).toBeUndefined();
    }
    for (const route of apiRoutes) {
      const op = operation(route.method, route.path);
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      if (!op) continue;
      if (route.auth === 'none') expect(op.security).toEqual([]);
      else expect(op.security).toContainEqual({ bearerAuth: [] });
      if (route.auth === 'token') {
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
    const count = Object.values(doc.paths).reduce((sum, ops) => sum + Object.keys(ops).length, 0);
    expect(count).toBe(apiRoutes.length);
  });

  it('declares every path parameter and a unique operation id', () => {
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name);
      for (const op of Object.values(ops) as Operation[]) {
        const declared = op.parameters.filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort()).toEqual([...names].sort());
        expect(declared.every((p) => p.required)).toBe(true);
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
      }
    }
  });

  it('answers errors as problem+json', () => {
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops) as Operation[]) {
        expect(op.responses.default?.content).toEqual({
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        });
      }
    }
  });

  it('publishes the request schemas generated from the zod schemas that validate requests', () => {
    const schemas = doc.components.schemas as Record<string, unknown>;
    expect(schemas.SubmissionInput).toEqual(
      withoutDialect(z.toJSONSchema(submissionRequestSchema, { io: 'input' })),
    );
    expect(schemas.UploadRequest).toEqual(
      withoutDialect(z.toJSONSchema(uploadRequestSchema, { io: 'input' })),
    );
    expect(schemas.RejectRequest).toEqual(
      withoutDialect(z.toJSONSchema(rejectRequestSchema, { io: 'input' })),
    );
    expect(operation('POST', '/v1/submissions')?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/SubmissionInput',
    });
    // A field the schema adds shows up in the document (no hand-written copy to forget).
    expect(JSON.stringify(schemas.SubmissionInput)).toContain('"pdfBase64"');
    expect(JSON.stringify(schemas.SubmissionInput)).toContain('"bodyDocx"');
  });

  it('has no dangling reference', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      ([, name]) => name,
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty(name as string);
  });

  it('is served as JSON by GET /v1/openapi.json', async () => {
    expect(ROUTES.find((route) => 'operation' in route && route.operation === 'openApi')).toMatchObject({
      method: 'GET',
      path: '/v1/openapi.json',
    });
    const answer = await openApiHandler()();
    expect(answer.statusCode).toBe(200);
    expect(answer.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(answer.body ?? '')).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
