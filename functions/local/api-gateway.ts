/**
 * The local stand-in for API Gateway (HTTP API, payload format 2.0): turns a Node request into the
 * event API Gateway would send, runs the route's authorizer and handler, and writes the result back.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
  Context,
} from 'aws-lambda';
import type { RouteDef } from '../resources.ts';
import { createRouteMatcher, MalformedPathError, type RouteMatch } from './route-match.ts';

export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;
export type HttpHandler = LambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>;
export type AuthorizerHandler = LambdaHandler<
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult<Record<string, unknown>>
>;

/** A Lambda context good enough for handlers that read the request id and remaining time. */
export function lambdaContext(functionName: string, timeoutMs = 30_000): Context {
  const started = Date.now();
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const MAX_REQUEST_BYTES = 10 * 1024 * 1024; // API Gateway's payload limit

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw Object.assign(new Error('Request Entity Too Large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return size === 0 ? undefined : Buffer.concat(chunks);
}

const isTextual = (type: string | undefined) =>
  !type || /^(text\/|application\/(.+\+)?(json|xml|x-www-form-urlencoded))/i.test(type);

/**
 * The gateway's own refusals (no route, a malformed path, a body too large, not started yet) as
 * RFC 9457 problems, like every error of Distr's handlers. Deployed, API Gateway answers these
 * itself, with `{"message": …}` bodies that Distr cannot change.
 */
export function sendProblem(
  res: ServerResponse,
  status: 400 | 404 | 413 | 503,
  detail: string,
  headers: Record<string, string> = {},
) {
  const titles = {
    400: 'Bad Request',
    404: 'Not Found',
    413: 'Content Too Large',
    503: 'Service Unavailable',
  };
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(JSON.stringify({ type: 'about:blank', title: titles[status], status, detail }));
}

/** Until the handlers are loaded: 503 with `Retry-After`, after reading the request through. */
export function answerStartingUp(req: IncomingMessage, res: ServerResponse) {
  req.resume();
  req.once('end', () =>
    sendProblem(res, 503, 'Distr is starting; try again in a moment.', { 'retry-after': '1' }),
  );
}

export interface ApiGatewayOptions {
  routes: readonly RouteDef[];
  handlers: Record<string, HttpHandler>;
  authorizer?: AuthorizerHandler;
  /**
   * Checks each answer against the route's contract (the tests set it); a reason it returns is
   * answered as a 500 naming it, so a test that got the answer fails where it happened.
   */
  checkResponse?: (
    route: RouteDef,
    status: number,
    contentType: string | undefined,
    body: string | undefined,
  ) => string | undefined;
}

export function createApiGateway({ routes, handlers, authorizer, checkResponse }: ApiGatewayOptions) {
  const match = createRouteMatcher(routes);

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      req.resume();
      return sendProblem(res, 400, 'The request target is not a valid path.');
    }
    const method = (req.method ?? 'GET').toUpperCase();
    let found: RouteMatch | undefined;
    try {
      found = match(method === 'HEAD' ? 'GET' : method, url.pathname);
    } catch (error) {
      if (!(error instanceof MalformedPathError)) throw error;
      req.resume();
      return sendProblem(res, 400, error.message);
    }
    if (!found) {
      // API Gateway answers CORS preflights for unmatched OPTIONS only when CORS is configured.
      req.resume();
      return sendProblem(res, 404, `No route for ${method} ${url.pathname}.`);
    }
    let body: Buffer | undefined;
    try {
      body = await readBody(req);
    } catch {
      return sendProblem(res, 413, `The request body is larger than ${MAX_REQUEST_BYTES} bytes.`);
    }

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
    }
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams)
      query[name] = name in query ? `${query[name]},${value}` : value;
    const textual = isTextual(headers['content-type']);
    const now = new Date();
    const requestContext: APIGatewayProxyEventV2['requestContext'] = {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: found.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    };
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: found.routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      requestContext,
      isBase64Encoded: body !== undefined && !textual,
      ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(Object.keys(found.pathParameters).length ? { pathParameters: found.pathParameters } : {}),
      ...(body !== undefined ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    };

    if (found.route.auth === 'token' && authorizer) {
      const authEvent: APIGatewayRequestAuthorizerEventV2 = {
        version: '2.0',
        type: 'REQUEST',
        routeArn: `arn:aws:execute-api:us-east-1:000000000000:local/$default/${method}${url.pathname}`,
        identitySource: headers.authorization ? [headers.authorization] : [],
        routeKey: found.routeKey,
        rawPath: url.pathname,
        rawQueryString: event.rawQueryString,
        headers,
        requestContext,
        ...(event.queryStringParameters ? { queryStringParameters: event.queryStringParameters } : {}),
        ...(event.pathParameters ? { pathParameters: event.pathParameters } : {}),
      } as APIGatewayRequestAuthorizerEventV2;
      const decision = await authorizer(authEvent, lambdaContext('authorizer'));
      if (!decision.isAuthorized) return send(res, 403, JSON.stringify({ message: 'Forbidden' }));
      (requestContext as { authorizer?: unknown }).authorizer = { lambda: decision.context ?? {} };
    }

    const handler = handlers[found.route.fn];
    if (!handler) return send(res, 500, JSON.stringify({ message: `No handler for ${found.route.fn}` }));
    let result: APIGatewayProxyResultV2;
    try {
      result = await handler(event, lambdaContext(found.route.fn));
    } catch {
      // A handler that throws is what API Gateway reports as a 500 with this body.
      return send(res, 500, JSON.stringify({ message: 'Internal Server Error' }));
    }
    if (typeof result === 'string' || result === undefined || !('statusCode' in (result as object))) {
      return send(res, 200, typeof result === 'string' ? result : JSON.stringify(result ?? null));
    }
    const structured = result as Exclude<APIGatewayProxyResultV2, string>;
    const outHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(structured.headers ?? {}))
      outHeaders[name.toLowerCase()] = String(value);
    if ('cookies' in structured && structured.cookies?.length) outHeaders['set-cookie'] = structured.cookies;
    const payload =
      structured.body === undefined
        ? undefined
        : structured.isBase64Encoded
          ? Buffer.from(structured.body, 'base64')
          : Buffer.from(structured.body, 'utf8');
    const status = structured.statusCode ?? 200;
    const violation = checkResponse?.(
      found.route,
      status,
      outHeaders['content-type'] as string | undefined,
      payload?.toString('utf8'),
    );
    if (violation) return send(res, 500, JSON.stringify({ message: `Contract: ${violation}` }));
    res.writeHead(status, outHeaders);
    res.end(method === 'HEAD' ? undefined : payload);
  };
}
