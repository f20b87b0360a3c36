/** The API Lambda: every HTTP route of Distr, behind one middleware stack. */
import { createAwsClients } from '../adapters/aws-clients.ts';
import { type Config, readConfig } from '../config.ts';
import { publicationRoutes } from './distribution.ts';
import { health } from './health.ts';
import { type HttpRoute, httpApi } from './http-api.ts';
import { openApiRoutes } from './openapi.ts';
import { registrationRoutes } from './registration.ts';
import { submissionRoutes } from './submissions.ts';
import { subscriptionRoutes } from './subscriptions.ts';

export type ApiDeps = ReturnType<typeof createAwsClients> & { config: Config };

export function apiRoutes(deps: ApiDeps): HttpRoute[] {
  return [
    { method: 'GET', path: '/v1/health', handler: health(deps) },
    ...openApiRoutes(),
    ...registrationRoutes(deps),
    ...submissionRoutes(deps),
    ...subscriptionRoutes(deps),
    // Last: it ends with `GET /{lang}/{proxy+}`, which the router would match before any later route.
    ...publicationRoutes(deps),
  ];
}

/** Builds the handler from an environment: Lambda passes its own, the local runtime one per instance. */
export const createHandler = (env: NodeJS.ProcessEnv) =>
  httpApi(apiRoutes({ ...createAwsClients(env), config: readConfig(env) }));

export const handler = createHandler(process.env);
