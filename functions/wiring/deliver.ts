/** The deliver Lambda: the deliver worker over the notifier, built from the environment. */
import { createAwsClients } from '../adapters/aws-clients.ts';
import { readConfig } from '../config.ts';
import { deliverWorker } from '../workers/deliver.ts';
import { notifierFrom } from './notifier.ts';

/** Builds the handler from an environment: Lambda passes its own, the local runtime one per instance. */
export const createHandler = (env: NodeJS.ProcessEnv) =>
  deliverWorker(notifierFrom({ clients: createAwsClients(env), config: readConfig(env) }));

export const handler = createHandler(process.env);
