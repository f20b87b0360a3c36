/**
 * The middleware stack every HTTP Lambda shares: size limit, JSON bodies, CORS, security headers,
 * request logs, and errors turned into RFC 9457 problems. Handlers stay thin: parse, authorize,
 * call the domain, shape the answer.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy, { type MiddlewareObj } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpRouterHandler, { type Route } from '@middy/http-router';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError } from '../domain/errors.ts';
import { Problem, problemOf, problemResponse } from './problem.ts';

export type HttpEvent = APIGatewayProxyEventV2 & { body?: unknown; rawBody?: string };
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type HttpRoute = Route<HttpEvent, HttpResult>;

/** Largest request body accepted (1 MB of JSON); larger ones get 413 before parsing. */
export const MAX_BODY_BYTES = 1_000_000;

// Log level comes from POWERTOOLS_LOG_LEVEL (default INFO).
export const logger = new Logger({ serviceName: 'distr' });

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** Methods whose routes take no request body: whatever body or Content-Type comes is ignored. */
const BODILESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * Rejects oversized bodies and non-JSON bodies on methods that carry one, before any parsing. An
 * empty body is no body: many clients send `Content-Type: application/json` on every request, so
 * neither a route without a body nor an optional body may read that as malformed JSON.
 */
const bodyGuard = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  before: (request) => {
    const { event } = request;
    if (BODILESS.has(event.requestContext.http.method) || event.body === '') {
      event.body = undefined;
      event.isBase64Encoded = false;
    }
    const { body, isBase64Encoded, headers, requestContext } = event;
    if (typeof body !== 'string' || body.length === 0) return;
    const bytes = isBase64Encoded ? Buffer.byteLength(body, 'base64') : Buffer.byteLength(body, 'utf8');
    if (bytes > MAX_BODY_BYTES) {
      throw new Problem(413, `The request body is ${bytes} bytes; the limit is ${MAX_BODY_BYTES}.`);
    }
    const method = requestContext.http.method;
    const type = headers['content-type'] ?? '';
    if (method !== 'GET' && !/^application\/(.+\+)?json\b/i.test(type)) {
      throw new Problem(415, `Send the request body as application/json (got ${type || 'no content-type'}).`);
    }
  },
});

/** JSON bodies parsed only where there is one (bodyGuard has removed empty ones). */
const jsonBody = (): MiddlewareObj<HttpEvent, HttpResult> => {
  const parser = httpJsonBodyParser<HttpEvent>({ disableContentTypeError: true });
  return { before: (request) => (request.event.body === undefined ? undefined : parser.before?.(request)) };
};

/**
 * Turns every error into problem+json, with the headers it carries (a 401's challenge); domain
 * refusals get their status from one table. Unexpected errors are logged and answered without internals.
 */
const problemErrors = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: (request) => {
    const error = request.error as (Error & { statusCode?: number; expose?: boolean }) | null;
    const instance = request.event.rawPath;
    let problem: Problem;
    if (error instanceof Problem) {
      problem = error;
    } else if (error instanceof DomainError) {
      problem = problemOf(error);
    } else if (error?.statusCode && error.statusCode < 500) {
      // Errors raised by middy itself (malformed JSON, unknown route) carry a status code.
      const detail =
        error.statusCode === 404
          ? `No route for ${request.event.requestContext.http.method} ${instance}.`
          : error.message;
      problem = new Problem(error.statusCode, detail);
    } else {
      logger.error('unhandled error', { error: error as Error, path: instance });
      problem = new Problem(500, 'The service failed to handle the request; it has been logged.');
    }
    request.response = problemResponse(problem, instance);
  },
});

/** Builds the Lambda handler for a set of routes. */
export function httpApi(routes: HttpRoute[]) {
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use(httpSecurityHeaders())
    .use(
      httpCors({
        origins: ['*'],
        headers: 'authorization,content-type,idempotency-key',
        methods: 'GET,POST,PUT,DELETE',
        exposeHeaders: 'location',
      }),
    )
    .use(problemErrors())
    .use(bodyGuard())
    .use(jsonBody())
    .handler(
      httpRouterHandler(routes) as unknown as (event: HttpEvent, context: Context) => Promise<HttpResult>,
    );
}
