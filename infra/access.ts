/** Least privilege: each function's role gets what ACCESS in functions/resources.ts declares for it, nothing else. */
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { FunctionAccess, QueueName, TopicName } from '../functions/resources.ts';

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

/**
 * Grants exactly the declared access, with explicit actions: CDK's grantReadData/grantReadWriteData
 * would add DescribeTable, Scan, BatchGetItem, stream reads and every index, grantRead/grantReadWrite
 * the s3:GetBucket*, s3:List* and s3:DeleteObject* groups, grantSendMessages GetQueueAttributes and
 * GetQueueUrl, none of which the code calls. Item operations and index queries reach only the
 * declared partitions (a `dynamodb:LeadingKeys` condition).
 */
export function grantAccess(
  fn: NodejsFunction,
  access: FunctionAccess,
  resources: {
    table: TableV2;
    bucket: Bucket;
    topics: Record<TopicName, Topic>;
    queues: Record<QueueName, Queue>;
  },
): void {
  const { table, bucket, topics, queues } = resources;
  const allow = (
    actions: string[],
    resourceArns: string[],
    conditions?: Record<string, Record<string, unknown>>,
  ) => Grant.addToPrincipal({ grantee: fn, actions, resourceArns, ...(conditions ? { conditions } : {}) });
  const items = access.table.filter((op) => op !== 'DescribeTable');
  // With writeKeys, writes get a statement of their own on those partitions only.
  const writes = access.writeKeys ? items.filter((op) => WRITES.has(op)) : [];
  const reads = items.filter((op) => !writes.includes(op));
  if (reads.length > 0) {
    allow(
      reads.map((op) => `dynamodb:${op}`),
      [table.tableArn],
      leadingKeys(access.keys, fn.node.id),
    );
  }
  if (writes.length > 0 && access.writeKeys) {
    allow(
      writes.map((op) => `dynamodb:${op}`),
      [table.tableArn],
      leadingKeys(access.writeKeys, fn.node.id),
    );
  }
  // DescribeTable names no item, so it has no leading keys; it gets a statement of its own rather
  // than relying on ForAllValues being true when the key is absent.
  if (access.table.includes('DescribeTable')) allow(['dynamodb:DescribeTable'], [table.tableArn]);
  // Only the indexes the function queries, each by name (no `index/*`), each with its own partitions:
  // for a Query of an index, LeadingKeys is the index's partition-key value, the only one the request
  // names (unverifiable on the local stand-ins, which have no IAM: a first deploy should list once).
  for (const [index, patterns] of Object.entries(access.indexes)) {
    allow(['dynamodb:Query'], [`${table.tableArn}/index/${index}`], leadingKeys(patterns ?? [], fn.node.id));
  }
  // ListBucket is an action on the bucket; the others act on its objects.
  const objects = objectOperations(access);
  if (objects.length > 0) {
    allow(
      objects.map((op) => `s3:${op}`),
      [bucket.arnForObjects('*')],
    );
  }
  if (access.bucket.includes('ListBucket')) allow(['s3:ListBucket'], [bucket.bucketArn]);
  for (const topic of access.publish) topics[topic].grantPublish(fn);
  // SendMessage also authorizes SendMessageBatch, the only way the code sends.
  for (const queue of access.send) queues[queue].grant(fn, 'sqs:SendMessage');
}

/**
 * Every leading key of the request must match one of the patterns (`ForAllValues`; for BatchWriteItem
 * that is every item's). Refuses an empty list, which would silently deny everything.
 */
function leadingKeys(patterns: readonly string[], what: string) {
  if (patterns.length === 0) throw new Error(`${what}: item access declared without partition keys (ACCESS)`);
  return { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] } };
}

const objectOperations = (access: FunctionAccess) => access.bucket.filter((op) => op !== 'ListBucket');

/** Findings on the functions, acknowledged here with the reason; each only where its grant produces it. */
export function acknowledgeFunctionFindings(
  fn: NodejsFunction,
  access: FunctionAccess,
  bucket: Bucket,
): void {
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'The AWS-managed basic execution role only lets the function write its own logs.',
  });
  // Object keys are not known in advance (documents/{symbol}/…, submissions/{id}/attachments/…).
  const objects = objectOperations(access);
  if (objects.length > 0) {
    const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      reason: `Only ${objects.map((op) => `s3:${op}`).join(', ')} on objects of the documents bucket (ACCESS in functions/resources.ts).`,
    });
  }
}
