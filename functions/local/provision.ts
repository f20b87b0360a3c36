/**
 * Creates the table, bucket, topic and queues on the local stand-ins from the same definitions the
 * CDK stack uses (functions/resources.ts). Idempotent: a restart finds them already there.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketVersioningCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, type SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { ENV, QUEUES, type QueueName, TABLE, TOPIC_SUBSCRIPTIONS, TOPICS } from '../resources.ts';

export const LOCAL_NAMES = {
  table: 'distr',
  bucket: 'distr-documents',
  topic: (name: string) => `distr-${name}`,
  queue: (name: string) => `distr-${name}`,
  deadLetterQueue: (name: string) => `distr-${name}-dlq`,
};

export interface Provisioned {
  /** Environment variables the handlers read (names from functions/resources.ts ENV). */
  env: Record<string, string>;
  queueUrls: Record<QueueName, string>;
}

async function createTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  const attributes = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const index of TABLE.indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  try {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    await dynamodb
      .send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
        }),
      )
      .catch(() => {
        // dynalite has no TTL; expired items then simply stay, which changes no behaviour Distr relies on.
      });
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
}

export async function provision(
  clients: { dynamodb: DynamoDBClient; s3: S3Client; sns: SNSClient; sqs: SQSClient },
  { tableName = LOCAL_NAMES.table }: { tableName?: string } = {},
): Promise<Provisioned> {
  await createTable(clients.dynamodb, tableName);

  try {
    await clients.s3.send(new CreateBucketCommand({ Bucket: LOCAL_NAMES.bucket }));
  } catch (error) {
    if (
      (error as Error).name !== 'BucketAlreadyOwnedByYou' &&
      (error as Error).name !== 'BucketAlreadyExists'
    )
      throw error;
  }
  await clients.s3
    .send(
      new PutBucketVersioningCommand({
        Bucket: LOCAL_NAMES.bucket,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    )
    .catch(() => {
      // Versioning is a durability setting of the deployed bucket; the stand-in may not model it.
    });

  const topicArns: Record<string, string> = {};
  for (const name of Object.keys(TOPICS)) {
    const { TopicArn } = await clients.sns.send(new CreateTopicCommand({ Name: LOCAL_NAMES.topic(name) }));
    topicArns[name] = TopicArn ?? '';
  }

  const queueUrls = {} as Record<QueueName, string>;
  for (const [name, def] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
    const dlq = await clients.sqs.send(
      new CreateQueueCommand({ QueueName: LOCAL_NAMES.deadLetterQueue(name) }),
    );
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    // Created by name, then configured: CreateQueue refuses an existing queue whose attributes
    // differ, and a data directory kept from an earlier version must take the current ones.
    const queue = await clients.sqs.send(new CreateQueueCommand({ QueueName: LOCAL_NAMES.queue(name) }));
    await clients.sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: queue.QueueUrl,
        Attributes: {
          VisibilityTimeout: String(def.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: Attributes?.QueueArn,
            maxReceiveCount: def.maxReceiveCount,
          }),
        },
      }),
    );
    queueUrls[name] = queue.QueueUrl ?? '';
  }

  // Subscribe is idempotent for the same topic, queue and attributes, so a restart changes nothing.
  for (const sub of TOPIC_SUBSCRIPTIONS) {
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrls[sub.queue], AttributeNames: ['QueueArn'] }),
    );
    await clients.sns.send(
      new SubscribeCommand({
        TopicArn: topicArns[sub.topic],
        Protocol: 'sqs',
        Endpoint: Attributes?.QueueArn,
        Attributes: {
          RawMessageDelivery: String(sub.rawMessageDelivery),
          ...(sub.filterPolicy ? { FilterPolicy: JSON.stringify(sub.filterPolicy) } : {}),
        },
      }),
    );
  }

  return {
    queueUrls,
    env: {
      [ENV.table]: tableName,
      [ENV.bucket]: LOCAL_NAMES.bucket,
      [ENV.documentsTopic]: topicArns.documents ?? '',
      [ENV.renderQueue]: queueUrls.render,
      [ENV.deliveriesQueue]: queueUrls.deliveries,
    },
  };
}
