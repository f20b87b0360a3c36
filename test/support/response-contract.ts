/**
 * Checks an answer of the local API against the route table: the status must be one the route
 * declares (or a 401/403 of a token route, a 413/415 of a route with a body), an error must be
 * problem+json, and a body must match the route's response schema. The test runtime answers 500
 * instead of any answer that does not, so every integration test checks the contract as it goes.
 */
import { problemSchema } from '../../functions/http/responses.ts';
import { ROUTES, type RouteSpec, routeKey } from '../../functions/http/routes.ts';
import type { RouteDef } from '../../functions/resources.ts';

const byKey = new Map<string, RouteSpec>(ROUTES.map((route) => [routeKey(route), route]));

function declared(route: RouteSpec, status: number): boolean {
  if (route.responses[status]) return true;
  if (route.auth === 'token' && (status === 401 || status === 403)) return true;
  return Boolean(route.body) && (status === 413 || status === 415);
}

export function responseViolation(
  route: RouteDef,
  status: number,
  contentType: string | undefined,
  body: string | undefined,
): string | undefined {
  const spec = byKey.get(routeKey(route));
  const where = `${routeKey(route)} → ${status}`;
  if (!spec) return `${where}: the route is not in the route table`;
  if (!declared(spec, status)) return `${where}: the route table does not declare this status`;
  const declaredType = spec.responses[status]?.contentType;
  // A declared content type (an HTML page, the stylesheet) is what the answer must carry, errors too.
  const mediaType = (type: string | undefined) => type?.split(';')[0]?.trim().toLowerCase();
  const allowed = [declaredType, ...(spec.responses[status]?.alsoContentTypes ?? [])].map(mediaType);
  if (declaredType && !allowed.includes(mediaType(contentType))) {
    return `${where}: the content type is ${contentType ?? 'missing'}, not ${declaredType}`;
  }
  if (status >= 400 && declaredType?.startsWith('text/html')) return undefined;
  if (status >= 400) {
    if (!contentType?.startsWith('application/problem+json'))
      return `${where}: an error must be problem+json`;
    const parsed = problemSchema.safeParse(JSON.parse(body ?? 'null'));
    return parsed.success ? undefined : `${where}: not a problem: ${parsed.error.message}`;
  }
  const schema = spec.responses[status]?.schema;
  if (!schema) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body ?? '');
  } catch {
    return `${where}: the body is not JSON`;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : `${where}: the body does not match its schema: ${parsed.error.message}`;
}
