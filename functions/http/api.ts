/**
 * The API function's routes: each group's handlers, put in the order and under the keys of the
 * route table (routes.ts). A handler the table does not declare, or a declared route no handler
 * serves, stops the cold start, so the router can only ever serve the declared routes.
 */
import type { AwsClients } from '../adapters/aws-clients.ts';
import type { Config } from '../config.ts';
import type { SubscriptionsService } from '../domain/subscriptions-service.ts';
import type { DistributionService } from '../wiring/distribution.ts';
import { agendaRoutes } from './agendas.ts';
import { publicationRoutes } from './distribution.ts';
import { documentRoutes } from './documents.ts';
import { health } from './health.ts';
import type { HttpRoute } from './http-api.ts';
import { openApiRoutes } from './openapi.ts';
import { registrationRoutes } from './registration.ts';
import { ROUTES, routeKey } from './routes.ts';
import { seriesRoutes } from './series.ts';
import { submissionRoutes } from './submissions.ts';
import { subscriptionRoutes } from './subscriptions.ts';

/** The distribution service is one, shared by the document actions and the public routes. */
export type ApiDeps = AwsClients & {
  config: Config;
  subscriptions: SubscriptionsService;
  distribution: DistributionService;
};

export function apiRoutes(deps: ApiDeps): HttpRoute[] {
  const groups: HttpRoute[][] = [
    [{ method: 'GET', path: '/v1/health', handler: health(deps) }],
    openApiRoutes(),
    submissionRoutes(deps),
    registrationRoutes(deps),
    seriesRoutes(deps),
    agendaRoutes(deps),
    documentRoutes(deps),
    subscriptionRoutes(deps.subscriptions),
    publicationRoutes(deps),
  ];
  const handlers = new Map(groups.flat().map((route) => [`${route.method} ${route.path}`, route.handler]));
  const routes = ROUTES.filter((route) => route.fn === 'api').map((route) => {
    const handler = handlers.get(routeKey(route));
    if (!handler) throw new Error(`No handler serves ${routeKey(route)}.`);
    handlers.delete(routeKey(route));
    return { method: route.method, path: route.path, handler };
  });
  if (handlers.size > 0) throw new Error(`Undeclared routes: ${[...handlers.keys()].join(', ')}.`);
  return routes;
}
