/** Where Distr keeps its state: the documents bucket (with its access-log bucket) and the table. */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { TABLE } from '../functions/resources.ts';

export interface Storage {
  readonly bucket: Bucket;
  readonly table: TableV2;
}

/**
 * Adds the buckets and the table to `scope` itself, not to a construct of their own: the construct
 * path is part of every logical ID, and a new ID would make CloudFormation create an empty table
 * and bucket beside the retained ones (test/infra-logical-ids.test.ts). The same holds for the
 * other parts of the stack.
 */
export function addStorage(scope: Construct): Storage {
  const accessLogs = new Bucket(scope, 'AccessLogs', {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(accessLogs).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This is the access-log bucket itself; logging it into itself would loop.',
  });

  const bucket = new Bucket(scope, 'Documents', {
    versioned: true,
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: 'documents/',
    removalPolicy: RemovalPolicy.RETAIN,
  });

  const table = new TableV2(scope, 'Table', {
    partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
    sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
    billing: Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    timeToLiveAttribute: TABLE.timeToLiveAttribute,
    removalPolicy: RemovalPolicy.RETAIN,
    globalSecondaryIndexes: TABLE.indexes.map((index) => ({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
    })),
  });

  return { bucket, table };
}
