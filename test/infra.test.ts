import { App, type CfnElement, RemovalPolicy, type Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { DistrStack } from '../infra/distr-stack.ts';
import {
  ACCESS,
  CONSUMERS,
  FUNCTIONS,
  type FunctionName,
  QUEUES,
  type QueueName,
  ROUTES,
  TABLE,
  TOPIC_SUBSCRIPTIONS,
} from '../infra/resources.ts';

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

/** What the SQS event source grants a consumer on its own queue (CDK's grantConsumeMessages). */
const CONSUME = [
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueUrl',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
];

const functionNames = Object.keys(FUNCTIONS) as FunctionName[];

/**
 * Every permission of each function's role as `action resource`, resources named `table`,
 * `table/index/gsi1`, `bucket`, `bucket/*`, `queue:render`, `topic:documents` (anything else shows
 * as its raw CloudFormation, so an unexpected resource fails loudly).
 */
function rolePermissions(stack: DistrStack, template: Template) {
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const names = new Map<string, string>([
    [id(stack.table), 'table'],
    [id(stack.bucket), 'bucket'],
    ...Object.entries(stack.queues).map(([name, queue]): [string, string] => [id(queue), `queue:${name}`]),
    ...Object.entries(stack.topics).map(([name, topic]): [string, string] => [id(topic), `topic:${name}`]),
  ]);
  const label = (resource: unknown): string => {
    const r = resource as Record<string, unknown>;
    const getAtt = r['Fn::GetAtt'] as [string, string] | undefined;
    if (getAtt?.[1] === 'Arn' && names.has(getAtt[0])) return names.get(getAtt[0]) as string;
    if (typeof r.Ref === 'string' && names.has(r.Ref)) return names.get(r.Ref) as string;
    const join = r['Fn::Join'] as [string, unknown[]] | undefined;
    if (join?.[0] === '')
      return join[1].map((part) => (typeof part === 'string' ? part : label(part))).join('');
    return JSON.stringify(resource);
  };
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  return Object.fromEntries(
    functionNames.map((name) => {
      const roleId = roleIdOf(stack, name);
      const permissions = new Set<string>();
      for (const policy of policies) {
        const attached = (policy.Properties.Roles as unknown[]).some(
          (ref) => (ref as { Ref?: string }).Ref === roleId,
        );
        if (!attached) continue;
        for (const statement of policy.Properties.PolicyDocument.Statement) {
          // Only plain allows are expected; anything else shows up whole and fails the comparison.
          if (statement.Effect !== 'Allow' || statement.Condition || statement.NotAction) {
            permissions.add(`unexpected statement ${JSON.stringify(statement)}`);
          }
          for (const action of [statement.Action].flat() as string[])
            for (const resource of [statement.Resource].flat())
              permissions.add(`${action} ${label(resource)}`);
        }
      }
      return [name, [...permissions].sort()];
    }),
  ) as Record<FunctionName, string[]>;
}

const roleIdOf = (stack: DistrStack, name: FunctionName) =>
  stack.getLogicalId(stack.functions[name].role?.node.defaultChild as CfnElement);

/** The permissions resources.ts declares for a function, plus what its SQS event source brings. */
function declaredPermissions(name: FunctionName): string[] {
  const access = ACCESS[name];
  const consumed = (Object.entries(CONSUMERS) as [QueueName, FunctionName][])
    .filter(([, fn]) => fn === name)
    .map(([queue]) => queue);
  return [
    ...access.table.map((op) => `dynamodb:${op} table`),
    ...access.indexes.map((index) => `dynamodb:Query table/index/${index}`),
    ...access.bucket.map((op) => (op === 'ListBucket' ? `s3:${op} bucket` : `s3:${op} bucket/*`)),
    ...access.publish.map((topic) => `sns:Publish topic:${topic}`),
    ...access.send.map((queue) => `sqs:SendMessage queue:${queue}`),
    ...consumed.flatMap((queue) => CONSUME.map((action) => `${action} queue:${queue}`)),
  ].sort();
}

describe('least-privilege IAM (ACCESS in resources.ts)', () => {
  const { stack, template } = synth();
  const granted = rolePermissions(stack, template);
  const can = (name: FunctionName, pattern: RegExp) => granted[name].some((p) => pattern.test(p));

  it.each(functionNames)('grants %s exactly what resources.ts declares for it', (name) => {
    expect(granted[name]).toEqual(declaredPermissions(name));
  });

  it('gives each role nothing beyond those grants but the basic execution role (its own logs)', () => {
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    const roles = template.findResources('AWS::IAM::Role');
    for (const name of functionNames) {
      const role = roles[roleIdOf(stack, name)]?.Properties;
      expect(role?.Policies).toBeUndefined();
      expect(role?.ManagedPolicyArns).toEqual([
        {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
          ],
        },
      ]);
    }
  });

  it('lets the authorizer read one token by key, and nothing else', () => {
    // Pinned by hand: authorizer.ts does one GetItem (token-store getToken).
    expect(granted.authorizer).toEqual(['dynamodb:GetItem table']);
    expect(can('authorizer', /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem) /)).toBe(false);
    expect(can('authorizer', /^(s3|sns|sqs):/)).toBe(false);
    expect(can('authorizer', /table\/index\//)).toBe(false);
  });

  it('lets the render worker store PDFs and issue, but not send to any queue', () => {
    // Pinned by hand from workers/render.ts and the distributor it runs.
    expect(granted.render).toEqual(
      [
        'dynamodb:BatchWriteItem table',
        'dynamodb:GetItem table',
        'dynamodb:PutItem table',
        'dynamodb:Query table',
        'dynamodb:UpdateItem table',
        's3:GetObject bucket/*',
        // HeadObject of a PDF not stored yet must answer 404, which S3 says only to ListBucket holders.
        's3:ListBucket bucket',
        's3:PutObject bucket/*',
        'sns:Publish topic:documents',
        ...CONSUME.map((action) => `${action} queue:render`),
      ].sort(),
    );
    expect(can('render', /^sqs:SendMessage /)).toBe(false);
    expect(can('render', /^s3:DeleteObject/)).toBe(false);
  });

  it('lets only the API and the render worker publish to the documents topic', () => {
    expect(functionNames.filter((name) => can(name, /^sns:Publish topic:documents$/))).toEqual([
      'api',
      'render',
    ]);
    expect(functionNames.filter((name) => can(name, /^sns:/)).sort()).toEqual(['api', 'render']);
  });

  it('lets each queue be sent to only by its producer', () => {
    const senders = (queue: QueueName) =>
      functionNames.filter((name) => granted[name].includes(`sqs:SendMessage queue:${queue}`));
    expect(senders('render')).toEqual(['api']);
    expect(senders('deliveries')).toEqual(['notify']);
    // Only SNS sends to the notifications queue (its queue policy); no function does.
    expect(senders('notifications')).toEqual([]);
  });

  it('lets the deliver worker delay a retry on its own queue (ChangeMessageVisibility)', () => {
    expect(granted.deliver).toContain('sqs:ChangeMessageVisibility queue:deliveries');
    expect(granted.deliver).toEqual(
      [
        'dynamodb:GetItem table',
        'dynamodb:UpdateItem table',
        ...CONSUME.map((a) => `${a} queue:deliveries`),
      ].sort(),
    );
  });

  it('keeps DescribeTable for the health check of the API only', () => {
    expect(functionNames.filter((name) => can(name, /^dynamodb:DescribeTable /))).toEqual(['api']);
  });

  it('grants no wildcard action, and a wildcard resource only for bucket objects', () => {
    for (const name of functionNames) {
      for (const permission of granted[name]) {
        const [action, resource] = permission.split(' ');
        expect(action).not.toContain('*');
        if (resource?.includes('*')) expect(resource).toBe('bucket/*');
      }
    }
    // So cdk-nag's IAM5 finding (acknowledged in the stack) arises for these two roles only.
    expect(functionNames.filter((name) => can(name, / bucket\/\*$/))).toEqual(['api', 'render']);
  });

  it('never grants a delete of documents, a Scan, or a stream read', () => {
    for (const name of functionNames) {
      expect(can(name, /^s3:(DeleteObject|Abort|PutObjectAcl|GetBucket)/)).toBe(false);
      expect(can(name, /^dynamodb:(Scan|BatchGetItem|GetRecords|GetShardIterator|ConditionCheckItem) /)).toBe(
        false,
      );
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
