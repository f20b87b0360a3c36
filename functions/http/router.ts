/**
 * The router of each HTTP function (the API, the web pages), built from the route table (routes.ts). For each declared route it
 * checks who is calling, splits a document path into its symbol and action, checks the query and
 * the body against the declared schemas, and only then calls the handler with what it checked. A
 * handler neither authorizes nor parses on its own, so what the table declares is what is enforced.
 *
 * Handlers are keyed by the table's operation names and typed from it: a handler receives the
 * caller, body and query its declaration implies, and tsc refuses an operation left unhandled.
 */
import type { z } from 'zod';
import { type DocumentPath, SymbolSyntaxError, splitDocumentPath } from '../domain/symbols.ts';
import type { Role } from '../domain/tokens.ts';
import type { FunctionName } from '../resources.ts';
import { type Caller, callerOf, requireRole } from './caller.ts';
import type { HttpEvent, HttpResult, HttpRoute } from './http-api.ts';
import { Problem } from './problem.ts';
import { parseBody, parseQuery } from './request-validation.ts';
import type { ActionSpec, ROUTES, RouteSpec, Who } from './routes.ts';

type Route = (typeof ROUTES)[number];
/**
 * A route's document actions, each carrying the route's own path parameters but the proxy (a
 * page's `{lang}`), which its handler is handed beside the action's.
 */
type ActionsOf<R> = R extends { actions: readonly (infer A)[]; path: infer P }
  ? A extends unknown
    ? A & { readonly routeParams?: Omit<Declared<R, ParamNames<P>>, 'proxy'> }
    : never
  : never;
type Action = ActionsOf<Route>;
type Spec = Route | Action;
/** The routes a function serves, and their document actions. */
type SpecIn<F extends FunctionName> = Extract<Route, { fn: F }> | ActionsOf<Extract<Route, { fn: F }>>;

/**
 * The operations the table declares for one function (every function's by default): a route's
 * own, or one action's on a document.
 */
export type Operation<F extends FunctionName = FunctionName> =
  SpecIn<F> extends infer S ? (S extends { operation: infer O extends string } ? O : never) : never;
type SpecOf<O extends Operation> = Extract<Spec, { operation: O }>;

/** `{id}` and `{proxy+}` in a path, by name. */
type ParamNames<P> = P extends `${string}{${infer Name}}${infer Rest}`
  ? (Name extends `${infer Greedy}+` ? Greedy : Name) | ParamNames<Rest>
  : never;

type Declared<S, Names extends string> = S extends { params: { schema: infer P extends z.ZodType } }
  ? Omit<Record<Names, string>, keyof z.output<P>> & z.output<P>
  : Record<Names, string>;
type ParamsOf<S> = S extends Action
  ? Declared<S, ParamNames<S['path']>> & { symbol: string } & NonNullable<S['routeParams']>
  : S extends { path: infer P }
    ? Declared<S, ParamNames<P>>
    : never;
type BodyOf<S> = S extends { body: { schema: infer B extends z.ZodType } } ? z.output<B> : undefined;
type QueryOf<S> = S extends { query: infer Q extends z.ZodType } ? z.output<Q> : undefined;
export type SignedIn<R extends Role> = Caller & { role: R; tokenId: string };
type CallerOf<S> = S extends { who: readonly (infer R extends Role)[] } ? SignedIn<R> : Caller;

/** What a handler is handed once its route's checks have passed. */
export interface Checked<S> {
  event: HttpEvent;
  caller: CallerOf<S>;
  /** The body as its schema parsed it (`{}` when an optional body was left out). */
  body: BodyOf<S>;
  query: QueryOf<S>;
  /** The path's parameters; on a document action, the symbol and the action's own. */
  params: ParamsOf<S>;
}

export type Handler<O extends Operation> = (request: Checked<SpecOf<O>>) => Promise<HttpResult>;
/** The handler map of one function: tsc refuses one of its operations left unhandled. */
export type Handlers<F extends FunctionName> = { [O in Operation<F>]: Handler<O> };

interface AnyChecked {
  event: HttpEvent;
  caller: Caller;
  body: unknown;
  query: unknown;
  params: Record<string, unknown>;
}
type AnyHandler = (request: AnyChecked) => Promise<HttpResult>;

/** The caller, if `who` admits it; otherwise the 401 or 403 that explains why not. */
function authorize(event: HttpEvent, who: Who): Caller {
  if (who !== 'anyone') return requireRole(event, ...who);
  const caller = callerOf(event);
  // A bad token is refused even where none is needed, so a client learns its token is wrong.
  if (caller.authError) requireRole(event, 'officer');
  return caller;
}

/** The path's parameters as declared, or the 404 (or 422) naming each that cannot be. */
function checkParams(spec: RouteSpec | ActionSpec, raw: Record<string, string>): Record<string, unknown> {
  if (!spec.params) return raw;
  const parsed = spec.params.schema.safeParse(raw);
  if (parsed.success) return { ...raw, ...(parsed.data as Record<string, unknown>) };
  const problems = parsed.error.issues.map((issue) => ({
    name: String(issue.path[0] ?? ''),
    reason: issue.message,
  }));
  const status = spec.params.status ?? 404;
  // A 404 says in words why nothing can be there; a 422 names the parameters to put right.
  const reasons = problems.map((p) => p.reason).join('; ');
  const detail =
    status === 404
      ? `${reasons.charAt(0).toUpperCase()}${reasons.slice(1)}.`
      : 'A path parameter is not valid.';
  throw Problem.invalid(status, detail, problems);
}

/** Runs a route's (or an action's) checks in order: who, path, query, body; then its handler. */
function check(
  spec: RouteSpec | ActionSpec,
  handler: AnyHandler,
  event: HttpEvent,
  raw: Record<string, string>,
  known: Record<string, string> = {},
) {
  const caller = authorize(event, spec.who);
  const params = { ...checkParams(spec, raw), ...known };
  const query = spec.query ? parseQuery(event, spec.query) : undefined;
  const body = spec.body ? parseBody(event, spec.body.schema, spec.body.invalid) : undefined;
  return handler({ event, caller, body, query, params });
}

/** An action's path (`versions/{lang}`) matched against what follows the symbol. */
function matchAction(pattern: string, rest: readonly string[]): Record<string, string> | undefined {
  const segments = pattern === '' ? [] : pattern.split('/');
  if (segments.length !== rest.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const actual = rest[index] as string;
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (name) params[name] = actual;
    else if (segment !== actual) return undefined;
  }
  return params;
}

/** A document route: the symbol first (a path naming no document is a 404 whoever asks), then the action. */
function documentRoute(
  route: RouteSpec,
  actions: readonly ActionSpec[],
  handlers: Record<string, AnyHandler>,
) {
  return async (event: HttpEvent): Promise<HttpResult> => {
    // Too long to be a document's path, or another parameter off its schema: a 404 before any
    // parsing, whoever asks. The route's other parameters (a page's language) go to the action.
    const { proxy, ...routeParams } = checkParams(route, {
      ...(event.pathParameters as Record<string, string> | undefined),
      proxy: event.pathParameters?.proxy ?? '',
    });
    const raw = proxy as string;
    let path: DocumentPath;
    try {
      path = splitDocumentPath(raw);
    } catch (error) {
      if (!(error instanceof SymbolSyntaxError)) throw error;
      throw new Problem(404, `No document at ${raw}: ${error.reason}.`);
    }
    for (const action of actions) {
      const params = matchAction(action.path, path.rest);
      if (params) {
        return check(action, handlers[action.operation] as AnyHandler, event, params, {
          ...(routeParams as Record<string, string>),
          symbol: path.symbol,
        });
      }
    }
    throw new Problem(404, `No route for ${route.method} ${event.rawPath}.`);
  };
}

/**
 * The routes of one function, in the table's order (the router tries dynamic routes in order, so
 * the persistent `/{lang}/{proxy+}` URL, declared last, matches last).
 */
export function routesOf<F extends FunctionName>(
  table: readonly RouteSpec[],
  fn: F,
  handlers: Handlers<F>,
): HttpRoute[] {
  const byOperation = handlers as unknown as Record<string, AnyHandler>;
  return table
    .filter((route) => route.fn === fn)
    .map((route) => {
      const handler = route.actions
        ? documentRoute(route, route.actions, byOperation)
        : (event: HttpEvent) =>
            check(route, byOperation[route.operation as string] as AnyHandler, event, {
              ...(event.pathParameters as Record<string, string> | undefined),
            });
      return { method: route.method, path: route.path, handler };
    });
}
