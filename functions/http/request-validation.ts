/** Request bodies and query strings checked with zod; a bad one is a problem naming each field. */
import { z } from 'zod';
import { fieldProblems } from '../domain/field-problems.ts';
import type { HttpEvent } from './http-api.ts';
import { invalidParams, Problem } from './problem.ts';

/** Parses the JSON body (absent means `{}`) or answers 422 naming each field by JSON Pointer. */
export function parseBody<T>(
  event: Pick<HttpEvent, 'body'>,
  schema: z.ZodType<T>,
  detail = 'The request body is not valid.',
): T {
  const parsed = schema.safeParse(event.body ?? {});
  if (parsed.success) return parsed.data;
  throw Problem.invalid(422, detail, invalidParams(fieldProblems(parsed.error.issues)));
}

/** Parses the query string or answers 400 naming each parameter (unknown ones too). */
export function parseQuery<T>(event: Pick<HttpEvent, 'queryStringParameters'>, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(event.queryStringParameters ?? {});
  if (parsed.success) return parsed.data;
  throw Problem.invalid(
    400,
    'A query parameter is not valid.',
    parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ name: key, reason: 'unknown query parameter' }))
        : [{ name: String(issue.path[0] ?? ''), reason: issue.message }],
    ),
  );
}

const LIMIT = 'must be a whole number from 1 to 100';

/** `limit` and `cursor`, the paging parameters every list takes (the cursor is its `nextCursor`). */
export const pagingSchema = z.object({
  limit: z.coerce
    .number({ error: LIMIT })
    .int({ error: LIMIT })
    .min(1, { error: LIMIT })
    .max(100, { error: LIMIT })
    .default(25),
  cursor: z.string().max(2000).optional(),
});
