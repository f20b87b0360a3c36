/**
 * Matches a request to an API Gateway route the way HTTP APIs do: literal segments beat `{param}`,
 * which beats the greedy `{proxy+}`; unmatched requests get API Gateway's own 404. Parameters are
 * percent-decoded; a malformed escape throws MalformedPathError.
 */
import type { HttpMethod, RouteDef } from '../resources.ts';

/** A path segment whose percent-encoding is malformed (`%`, `%2`, `%ZZ`): API Gateway's 400. */
export class MalformedPathError extends Error {}

const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MalformedPathError(`The path segment "${segment}" is not valid percent-encoding.`);
  }
};

export interface RouteMatch {
  route: RouteDef;
  routeKey: string;
  pathParameters: Record<string, string>;
}

interface Compiled {
  route: RouteDef;
  segments: string[];
  /** Sort key: more literal segments first, greedy routes last. */
  rank: number[];
}

function compile(route: RouteDef): Compiled {
  const segments = route.path.split('/').filter(Boolean);
  const literals = segments.filter((s) => !s.startsWith('{')).length;
  const greedy = segments.some((s) => s.endsWith('+}')) ? 1 : 0;
  return { route, segments, rank: [greedy, -literals, -segments.length] };
}

export function createRouteMatcher(routes: readonly RouteDef[]) {
  const compiled = routes.map(compile).sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) {
      const d = (a.rank[i] ?? 0) - (b.rank[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });

  return (method: string, path: string): RouteMatch | undefined => {
    const parts = path.split('/').filter(Boolean);
    for (const { route, segments } of compiled) {
      if (route.method !== (method as HttpMethod)) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length; i++) {
        const segment = segments[i] as string;
        if (segment.endsWith('+}')) {
          const rest = parts.slice(i);
          if (rest.length === 0) ok = false;
          else params[segment.slice(1, -2)] = rest.map(decodeSegment).join('/');
          break;
        }
        const part = parts[i];
        if (part === undefined) {
          ok = false;
          break;
        }
        if (segment.startsWith('{')) params[segment.slice(1, -1)] = decodeSegment(part);
        else if (segment !== part) {
          ok = false;
          break;
        }
        if (i === segments.length - 1 && parts.length !== segments.length) ok = false;
      }
      if (ok && segments.length === 0 && parts.length > 0) ok = false;
      if (ok) return { route, routeKey: `${route.method} ${route.path}`, pathParameters: params };
    }
    return undefined;
  };
}
