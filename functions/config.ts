/** Where a handler finds its resources: read once from the environment CDK (or the local runtime) sets. */
import { ENV } from './resources.ts';

export interface Config {
  tableName: string;
  bucketName: string;
  documentsTopicArn: string;
  renderQueueUrl: string;
  deliveriesQueueUrl: string;
  publicUrl: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    tableName: env[ENV.table] ?? 'distr',
    bucketName: env[ENV.bucket] ?? 'distr-documents',
    documentsTopicArn: env[ENV.documentsTopic] ?? '',
    renderQueueUrl: env[ENV.renderQueue] ?? '',
    deliveriesQueueUrl: env[ENV.deliveriesQueue] ?? '',
    publicUrl: (env[ENV.publicUrl] ?? 'http://localhost:3000').replace(/\/+$/, ''),
  };
}
