/**
 * AWS SDK clients, created once per cold start and passed to handlers (tests pass their own).
 * They reach the local stand-ins through the SDK's standard `AWS_ENDPOINT_URL_<SERVICE>` variables,
 * so the only local-specific settings are the two below that emulators on 127.0.0.1 need.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface AwsClients {
  dynamodb: DynamoDBClient;
  db: DynamoDBDocumentClient;
  s3: S3Client;
  sns: SNSClient;
  sqs: SQSClient;
}

export function createAwsClients(env: NodeJS.ProcessEnv): AwsClients {
  // Passing the standard variables explicitly (rather than letting the SDK read process.env) lets one
  // process host several local instances; in AWS they are unset and the SDK uses the regional endpoints.
  const dynamodb = new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
  return {
    dynamodb,
    db: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    // An emulator on an IP address cannot serve virtual-hosted bucket names.
    s3: new S3Client({ endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3) }),
    sns: new SNSClient({ endpoint: env.AWS_ENDPOINT_URL_SNS }),
    // Emulators hand out queue URLs on hosts like `sqs.us-east-1.localhost`, which do not resolve here.
    sqs: new SQSClient({ endpoint: env.AWS_ENDPOINT_URL_SQS, useQueueUrlAsEndpoint: false }),
  };
}
