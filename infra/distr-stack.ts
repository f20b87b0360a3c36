/**
 * Distr's AWS stack. Every resource comes from the definitions in functions/resources.ts (routes:
 * functions/http/routes.ts), which the local runtime also provisions from, so the two cannot drift
 * apart. Each part is added by a function of its own file, into the stack itself, so that the
 * logical IDs stay those of deployed stacks.
 */

import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV, type FunctionName, type QueueName, type TopicName } from '../functions/resources.ts';
import { addFunctions } from './functions.ts';
import { addHttpApi, addRoutes } from './http-api.ts';
import { addMessaging } from './messaging.ts';
import { addStorage } from './storage.ts';

export interface DistrStackProps extends StackProps {
  /**
   * Base of the public document URLs printed in QR codes.
   * @default the HTTP API's own URL
   */
  readonly publicUrl?: string;
  /**
   * How long Lambda and API logs are kept.
   * @default RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: RetentionDays;
}

export class DistrStack extends Stack {
  readonly table: TableV2;
  readonly bucket: Bucket;
  readonly api: HttpApi;
  readonly topics: Record<TopicName, Topic>;
  readonly queues: Record<QueueName, Queue>;
  readonly functions: Record<FunctionName, NodejsFunction>;

  constructor(scope: Construct, id: string, props: DistrStackProps = {}) {
    super(scope, id, props);
    const logRetention = props.logRetention ?? RetentionDays.THREE_MONTHS;

    const storage = addStorage(this);
    const messaging = addMessaging(this);
    this.table = storage.table;
    this.bucket = storage.bucket;
    this.topics = messaging.topics;
    this.queues = messaging.queues;

    this.api = addHttpApi(this, { logRetention });
    const environment: Record<string, string> = {
      [ENV.table]: this.table.tableName,
      [ENV.bucket]: this.bucket.bucketName,
      [ENV.documentsTopic]: this.topics.documents.topicArn,
      [ENV.renderQueue]: this.queues.render.queueUrl,
      [ENV.deliveriesQueue]: this.queues.deliveries.queueUrl,
      [ENV.publicUrl]: props.publicUrl ?? this.api.apiEndpoint,
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'distr',
    };
    this.functions = addFunctions(this, { storage, messaging, environment, logRetention });
    addRoutes(this, this.api, this.functions);

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
  }
}
