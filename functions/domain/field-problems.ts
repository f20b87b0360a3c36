/**
 * zod issues as problems naming each field by JSON Pointer, for RFC 9457 answers. Shared by every
 * schema the API validates (submissions, agendas, series, versions, subscriptions …).
 */
import type { z } from 'zod';

/** A rejected field, for an RFC 9457 problem+json answer. */
export interface FieldProblem {
  /** JSON Pointer (RFC 6901) to the field: `/circulation/0/agendaItems`; `''` is the whole body. */
  field: string;
  message: string;
}

export const pointer = (path: readonly PropertyKey[]): string =>
  path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/**
 * Turns zod issues into problems naming each field; an unknown field is named itself. One problem
 * per field: zod may add a size complaint to a wrong type, and the first issue is the one to fix.
 */
export function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  const problems = issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: pointer([...issue.path, key]), message: `unknown field "${key}"` }))
      : [{ field: pointer(issue.path), message: issue.message }],
  );
  return problems.filter((problem, index) => problems.findIndex((p) => p.field === problem.field) === index);
}
