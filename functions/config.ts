/** Where a handler finds its resources: read once from the environment CDK (or the local runtime) sets. */

import type { WebhookUrlPolicy } from './domain/webhook-url-policy.ts';
import { ENV } from './resources.ts';

/** The flag the local runtime sets so webhooks may reach receivers on loopback; never set in AWS. */
export const ALLOW_LOOPBACK_ENV = 'DISTR_ALLOW_LOOPBACK_WEBHOOKS';
/** Seconds before the first webhook retry (later ones grow fourfold, domain/delivery.ts). */
export const RETRY_BASE_ENV = 'DISTR_WEBHOOK_RETRY_BASE_SECONDS';
const DEFAULT_RETRY_BASE_SECONDS = 30;
/** Where a Lambda bundle keeps its copy of templates/ (infra sets it on the functions that render). */
export const TEMPLATES_DIR_ENV = 'DISTR_TEMPLATES_DIR';

/**
 * The templates directory the environment names, if any (else templates-dir.ts uses the repository's).
 * Read at each call, not once, so that tests can point it elsewhere.
 */
export const templatesDirSetting = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env[TEMPLATES_DIR_ENV];

export interface Config {
  tableName: string;
  bucketName: string;
  documentsTopicArn: string;
  renderQueueUrl: string;
  deliveriesQueueUrl: string;
  publicUrl: string;
  /** Which endpoints subscriptions may name and deliveries may reach. */
  webhookPolicy: WebhookUrlPolicy;
  webhookRetryBaseSeconds: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const retryBase = Number(env[RETRY_BASE_ENV] ?? DEFAULT_RETRY_BASE_SECONDS);
  return {
    tableName: env[ENV.table] ?? 'distr',
    bucketName: env[ENV.bucket] ?? 'distr-documents',
    documentsTopicArn: env[ENV.documentsTopic] ?? '',
    renderQueueUrl: env[ENV.renderQueue] ?? '',
    deliveriesQueueUrl: env[ENV.deliveriesQueue] ?? '',
    publicUrl: (env[ENV.publicUrl] ?? 'http://localhost:3000').replace(/\/+$/, ''),
    webhookPolicy: { allowLoopback: env[ALLOW_LOOPBACK_ENV] === '1' },
    webhookRetryBaseSeconds:
      Number.isFinite(retryBase) && retryBase >= 0 ? retryBase : DEFAULT_RETRY_BASE_SECONDS,
  };
}
