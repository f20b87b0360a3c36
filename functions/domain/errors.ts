/**
 * The one way domain code refuses a request: a kind of refusal and the fields at fault. The HTTP
 * layer alone turns a kind into a status (http/problem.ts), so no domain file knows about HTTP.
 */
import type { FieldProblem } from './field-problems.ts';

export const ERROR_KINDS = [
  /** The request itself is malformed: a header, a query parameter, a cursor. */
  'malformed',
  /** The request is well-formed but a field is not acceptable. */
  'invalid',
  /** The caller may not do this. */
  'forbidden',
  /** No such thing, or not for this caller to know of. */
  'not-found',
  /** The thing is not in a state for this (a status, a claim held elsewhere, a key reused). */
  'conflict',
  /** A size or count is over its limit. */
  'too-large',
  /** Another request holds what this one needs; the same request may succeed shortly. */
  'busy',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly problems: readonly FieldProblem[];
  constructor(kind: ErrorKind, message: string, problems: readonly FieldProblem[] = []) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.problems = problems;
  }
}

/** A cursor this API did not hand out for this list (every paged list refuses it alike). */
export const invalidCursor = () =>
  new DomainError('malformed', 'The cursor is not valid.', [
    { field: 'cursor', message: 'use the nextCursor of a previous page of the same list' },
  ]);
