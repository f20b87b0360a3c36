/** The notify Lambda: the notify worker over the notifier, built from the environment. */
import { createAwsClients } from '../adapters/aws-clients.ts';
import { readConfig } from '../config.ts';
import { notifyWorker } from '../workers/notify.ts';
import { notifierFrom } from './notifier.ts';

/** Builds the handler from an environment: Lambda passes its own, the local runtime one per instance. */
export const createHandler = (env: NodeJS.ProcessEnv) =>
  notifyWorker(notifierFrom({ clients: createAwsClients(env), config: readConfig(env) }));

export const handler = createHandler(process.env);
