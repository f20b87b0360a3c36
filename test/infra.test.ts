import { App, RemovalPolicy, type Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { DistrStack } from '../infra/distr-stack.ts';
import { CONSUMERS, FUNCTIONS, QUEUES, ROUTES, TABLE, TOPIC_SUBSCRIPTIONS } from '../infra/resources.ts';

// Skipping esbuild bundling keeps these tests about the template, not the bundler.
const newApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

function synth() {
  const app = newApp();
  const stack = new DistrStack(app, 'Distr');
  return { app, stack, template: Template.fromStack(stack) };
}

describe('DistrStack', () => {
  const { template } = synth();

  it('keeps documents in a versioned, encrypted, private, retained bucket reachable only over TLS', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: Match.objectLike({ ServerSideEncryptionConfiguration: Match.anyValue() }),
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: Match.anyValue(),
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
  });

  it('builds the table from the shared definition, on demand, with PITR and deletion protection', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE.indexes.map((index) =>
        Match.objectLike({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
        }),
      ),
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
  });

  it('runs every function on Node 24, arm64, with retained logs', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { Runtime: 'nodejs24.x', Architectures: ['arm64'] },
      Object.keys(FUNCTIONS).length,
    );
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
  });

  it('routes every API route of the shared route table', () => {
    for (const route of ROUTES) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
      });
    }
    template.resourceCountIs('AWS::ApiGatewayV2::Route', ROUTES.length);
  });

  it('renders with a full vCPU, one language per invocation, and the templates beside the handler', () => {
    const [renderId] = Object.entries(
      template.findResources('AWS::Lambda::Function', {
        Properties: {
          Environment: { Variables: Match.objectLike({ DISTR_TEMPLATES_DIR: '/var/task/templates' }) },
        },
      }),
    ).map(([id]) => id);
    expect(renderId).toBeDefined();
    template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: FUNCTIONS.render.memoryMb,
      Timeout: FUNCTIONS.render.timeoutSeconds,
      Environment: { Variables: Match.objectLike({ DISTR_TEMPLATES_DIR: '/var/task/templates' }) },
    });
    // Only the renderer gets the templates; the other functions stay small.
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { Environment: { Variables: Match.objectLike({ DISTR_TEMPLATES_DIR: Match.anyValue() }) } },
      1,
    );
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: renderId },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(FUNCTIONS.render.timeoutSeconds).toBeLessThan(QUEUES.render.visibilityTimeoutSeconds);
  });

  it('gives every queue a dead-letter queue and an alarm on its depth', () => {
    const queues = Object.keys(QUEUES).length;
    template.resourcePropertiesCountIs(
      'AWS::SQS::Queue',
      { RedrivePolicy: Match.objectLike({ deadLetterTargetArn: Match.anyValue() }) },
      queues,
    );
    template.resourceCountIs('AWS::SQS::Queue', queues * 2);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { Threshold: 1 }, queues);
  });

  it('subscribes queues to topics as declared, with raw delivery and the filter policy', () => {
    template.resourceCountIs('AWS::SNS::Subscription', TOPIC_SUBSCRIPTIONS.length);
    for (const sub of TOPIC_SUBSCRIPTIONS) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'sqs',
        RawMessageDelivery: sub.rawMessageDelivery,
        ...(sub.filterPolicy ? { FilterPolicy: sub.filterPolicy } : {}),
      });
    }
    // SNS may send to the subscribed queue (and only SNS is granted that).
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'sns.amazonaws.com' } }),
        ]),
      }),
    });
  });

  it('feeds every consumer from its queue with partial batch failures', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::EventSourceMapping',
      { FunctionResponseTypes: ['ReportBatchItemFailures'] },
      Object.keys(CONSUMERS).length,
    );
    for (const queue of Object.keys(CONSUMERS) as (keyof typeof QUEUES)[]) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        BatchSize: QUEUES[queue].batchSize,
      });
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds no unacknowledged error in the stack', () => {
    const { app } = synth();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  it('would catch a violation (the gate is live)', () => {
    const { app, stack } = synth();
    // An unencrypted, unlogged bucket without TLS enforcement violates several AwsSolutions rules.
    new Bucket(stack as Stack, 'Careless', { removalPolicy: RemovalPolicy.DESTROY, enforceSSL: false });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow();
  });
});
