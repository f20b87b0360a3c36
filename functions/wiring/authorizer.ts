/** The authorizer function: token records read from the table of its environment. */
import { createAwsClients } from '../adapters/aws-clients.ts';
import { getToken } from '../adapters/token-store.ts';
import { readConfig } from '../config.ts';
import { authorizerHandler } from '../http/authorizer.ts';

export const createHandler = (env: NodeJS.ProcessEnv) => {
  const { db } = createAwsClients(env);
  const { tableName } = readConfig(env);
  return authorizerHandler((id) => getToken({ db, tableName }, id));
};

export const handler = createHandler(process.env);
