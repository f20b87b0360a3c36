/**
 * One DynamoDB Local (a JVM) for the whole `integration:dynamodb-local` run, rather than one per test
 * file: each local Distr then gets its own table in it (see RuntimeOptions.dynamodbEndpoint).
 * Starts only when that project is part of the run.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../functions/local/stand-ins.ts';

export const DYNAMODB_LOCAL_PROJECT = 'integration:dynamodb-local';

export default async function setup(root: TestProject) {
  const project = root.vitest.projects.find((p) => p.name === DYNAMODB_LOCAL_PROJECT);
  if (!project) return;
  const dynamodb = await startDynamoDbLocal();
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return () => dynamodb.stop();
}
