/**
 * The API function's routes: the route table (routes.ts) with a handler for each operation it
 * declares. The router (router.ts) checks each request as the table says before a handler runs;
 * tsc refuses an operation left without a handler, so only declared routes are ever served.
 */
import type { AgendaStore } from '../adapters/agenda-store.ts';
import type { CounterStore } from '../adapters/counter-store.ts';
import type { HealthProbes } from '../adapters/health-probes.ts';
import type { Config } from '../config.ts';
import type { Registrar } from '../domain/registrar.ts';
import type { SubmissionPorts } from '../domain/submissions-service.ts';
import type { SubscriptionsService } from '../domain/subscriptions-service.ts';
import type { DistributionService } from '../wiring/distribution.ts';
import { agendaHandlers } from './agendas.ts';
import { distributionHandlers } from './distribution.ts';
import { feedHandlers } from './feed.ts';
import { health } from './health.ts';
import type { HttpRoute } from './http-api.ts';
import { openApiHandler } from './openapi.ts';
import { publicHandlers } from './public-documents.ts';
import { registrationHandlers } from './registration.ts';
import { type Handlers, routesOf } from './router.ts';
import { ROUTES } from './routes.ts';
import { seriesHandlers } from './series.ts';
import { submissionHandlers } from './submissions.ts';
import { subscriptionHandlers } from './subscriptions.ts';

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

export function apiHandlers(deps: ApiDeps): Handlers<'api'> {
  return {
    health: health(deps.health),
    openApi: openApiHandler(),
    ...submissionHandlers(deps.submissions),
    ...registrationHandlers(deps.registrar),
    ...seriesHandlers(deps.counters),
    ...agendaHandlers(deps),
    ...distributionHandlers(deps),
    ...publicHandlers(deps),
    ...feedHandlers(deps),
    ...subscriptionHandlers(deps.subscriptions),
  };
}

export const apiRoutes = (deps: ApiDeps): HttpRoute[] => routesOf(ROUTES, 'api', apiHandlers(deps));
