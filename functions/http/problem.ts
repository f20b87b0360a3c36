/**
 * RFC 9457 problem details. Every 4xx/5xx the API returns is one of these, as
 * `application/problem+json`, so clients get a machine-readable reason that names the field.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DomainError, ErrorKind } from '../domain/errors.ts';
import type { FieldProblem } from '../domain/field-problems.ts';

export interface InvalidParam {
  /** JSON pointer into the request (`/circulation/0/session`) or the name of a header/query parameter. */
  name: string;
  reason: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export class Problem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly invalidParams: InvalidParam[] | undefined;
  readonly extra: Record<string, unknown>;
  /** Response headers the answer needs (a `WWW-Authenticate` challenge, a `Retry-After`). */
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    detail: string,
    options: {
      type?: string;
      title?: string;
      invalidParams?: InvalidParam[];
      extra?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail);
    this.name = 'Problem';
    this.status = status;
    this.type = options.type ?? 'about:blank';
    this.title = options.title ?? TITLES[status] ?? 'Error';
    this.invalidParams = options.invalidParams;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }

  /** A 4xx for bad input that names the offending fields. */
  static invalid(status: 400 | 404 | 413 | 422, detail: string, invalidParams: InvalidParam[]): Problem {
    return new Problem(status, detail, { invalidParams });
  }
}

/** The one table from a domain refusal to its HTTP status. */
export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  malformed: 400,
  invalid: 422,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  busy: 503,
};

/** Field problems as RFC 9457 `invalid-params`. */
export const invalidParams = (problems: readonly FieldProblem[]): InvalidParam[] =>
  problems.map((p) => ({ name: p.field, reason: p.message }));

/** A domain refusal as the problem the API answers with. */
export function problemOf(error: DomainError): Problem {
  return new Problem(STATUS_OF_KIND[error.kind], error.message, {
    ...(error.problems.length > 0 ? { invalidParams: invalidParams(error.problems) } : {}),
    ...(error.kind === 'busy' ? { headers: { 'retry-after': '2' } } : {}),
  });
}

export function problemResponse(problem: Problem, instance?: string): APIGatewayProxyStructuredResultV2 {
  const body: Record<string, unknown> = {
    type: problem.type,
    title: problem.title,
    status: problem.status,
    detail: problem.message,
    ...(instance ? { instance } : {}),
    ...(problem.invalidParams ? { 'invalid-params': problem.invalidParams } : {}),
    ...problem.extra,
  };
  return {
    statusCode: problem.status,
    headers: { ...problem.headers, 'content-type': 'application/problem+json' },
    body: JSON.stringify(body),
  };
}
