/** The API function: the AWS clients and configuration of its environment, handed to every route. */
import { createAwsClients } from '../adapters/aws-clients.ts';
import { readConfig } from '../config.ts';
import { apiRoutes } from '../http/api.ts';
import { httpApi } from '../http/http-api.ts';

/** Builds the handler from an environment: Lambda passes its own, the local runtime one per instance. */
export const createHandler = (env: NodeJS.ProcessEnv) =>
  httpApi(apiRoutes({ ...createAwsClients(env), config: readConfig(env) }));

export const handler = createHandler(process.env);
