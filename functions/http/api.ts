/**
 * The API function's routes: each group's handlers, put in the order and under the keys of the
 * route table (routes.ts). A handler the table does not declare, or a declared route no handler
 * serves, stops the cold start, so the router can only ever serve the declared routes.
 */
import type { AgendaStore } from '../adapters/agenda-store.ts';
import type { CounterStore } from '../adapters/counter-store.ts';
import type { HealthProbes } from '../adapters/health-probes.ts';
import type { Config } from '../config.ts';
import type { Registrar } from '../domain/registrar.ts';
import type { SubmissionPorts } from '../domain/submissions-service.ts';
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

/** What the routes are handed, built once per cold start by the wiring (functions/wiring/api.ts). */
export interface ApiDeps {
  config: Config;
  health: HealthProbes;
  submissions: SubmissionPorts;
  registrar: Registrar;
  counters: CounterStore;
  agendas: AgendaStore;
  /** One, shared by the document actions and the public routes. */
  distribution: DistributionService;
  subscriptions: SubscriptionsService;
}

export function apiRoutes(deps: ApiDeps): HttpRoute[] {
  const groups: HttpRoute[][] = [
    [{ method: 'GET', path: '/v1/health', handler: health(deps.health) }],
    openApiRoutes(),
    submissionRoutes(deps.submissions),
    registrationRoutes(deps.registrar),
    seriesRoutes(deps.counters),
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
