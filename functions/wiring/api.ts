/** The API function: the AWS clients, configuration and services of its environment, handed to every route. */
import { createAgendaStore } from '../adapters/agenda-store.ts';
import { createAwsClients } from '../adapters/aws-clients.ts';
import { createCounterStore } from '../adapters/counter-store.ts';
import { createDeliveryStore } from '../adapters/delivery-store.ts';
import { createHealthProbes } from '../adapters/health-probes.ts';
import { createSubscriptionStore } from '../adapters/subscription-store.ts';
import { createWebhookClient } from '../adapters/webhook-client.ts';
import { readConfig } from '../config.ts';
import { createSubscriptionsService } from '../domain/subscriptions-service.ts';
import { type ApiDeps, apiRoutes } from '../http/api.ts';
import { httpApi } from '../http/http-api.ts';
import { distributionService } from './distribution.ts';
import { registrarOver } from './registration.ts';
import { submissionPorts } from './submissions.ts';

export function apiDeps(env: NodeJS.ProcessEnv, clients = createAwsClients(env)): ApiDeps {
  const config = readConfig(env);
  const subscriptions = createSubscriptionsService(
    {
      subscriptions: createSubscriptionStore(clients.db, config.tableName),
      deliveries: createDeliveryStore(clients.db, config.tableName),
      webhooks: createWebhookClient({ policy: config.webhookPolicy }),
    },
    { policy: config.webhookPolicy },
  );
  const submissions = submissionPorts(clients, config);
  return {
    config,
    health: createHealthProbes(clients, config),
    submissions,
    registrar: registrarOver(clients.db, config, submissions),
    counters: createCounterStore(clients.db, config.tableName),
    agendas: createAgendaStore(clients.db, config.tableName),
    distribution: distributionService(clients, config),
    subscriptions,
  };
}

/** Builds the handler from an environment: Lambda passes its own, the local runtime one per instance. */
export const createHandler = (env: NodeJS.ProcessEnv) => httpApi(apiRoutes(apiDeps(env)));

export const handler = createHandler(process.env);
