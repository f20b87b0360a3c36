import { createServer, request, type Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { App, type CfnElement, RemovalPolicy, type Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAwsClients } from '../functions/adapters/aws-clients.ts';
import { getDelivery } from '../functions/adapters/delivery-store.ts';
import { createDocumentStore } from '../functions/adapters/document-store.ts';
import {
  getSigningSecret,
  getSubscription,
  listActiveSubscriptions,
} from '../functions/adapters/subscription-store.ts';
import { getToken, listTokens } from '../functions/adapters/token-store.ts';
import { LANGUAGES } from '../functions/domain/languages.ts';
import { ROUTES } from '../functions/http/routes.ts';
import {
  ACCESS,
  CONSUMERS,
  FUNCTIONS,
  type FunctionName,
  type IndexName,
  QUEUES,
  type QueueName,
  TABLE,
  TOPIC_SUBSCRIPTIONS,
} from '../functions/resources.ts';
import { DistrStack } from '../infra/distr-stack.ts';
import { client } from './support/client.ts';
import { startTestDistr, type TestDistr } from './support/distr.ts';
import { fixture } from './support/fixtures.ts';
import { honestPdf } from './support/hostile-pdfs.ts';
import { tokenFor } from './support/tokens.ts';
import { until } from './support/wait.ts';
import { csrfOf, formPost, signIn } from './support/web-session.ts';
import { multipartPost, sampleFormFields } from './support/web-submit.ts';
import { type Receiver, startReceiver } from './support/webhook-receiver.ts';

type HandlerModule = { createHandler(env: NodeJS.ProcessEnv): unknown };

/**
 * For the last describe: each function's handler, built by the local runtime as usual, gets a DynamoDB
 * endpoint of its own, a proxy that records what that function sends before passing it on to the
 * stand-in. Nothing else of the handlers changes. One mock per entry of FUNCTIONS: a function missing
 * here would bypass its proxy, and the last test would fail for it (none of its grants used).
 */
const proxied = vi.hoisted(() => {
  const endpoints: Record<string, string> = {};
  const upstream = { url: '' };
  const through = (name: string, module: HandlerModule): HandlerModule => ({
    ...module,
    createHandler(env) {
      upstream.url = env.AWS_ENDPOINT_URL_DYNAMODB ?? '';
      return module.createHandler({ ...env, AWS_ENDPOINT_URL_DYNAMODB: endpoints[name] ?? upstream.url });
    },
  });
  return { endpoints, upstream, through };
});
vi.mock('../functions/wiring/api.ts', async (original) => proxied.through('api', await original()));
vi.mock('../functions/wiring/authorizer.ts', async (original) =>
  proxied.through('authorizer', await original()),
);
vi.mock('../functions/wiring/notify.ts', async (original) => proxied.through('notify', await original()));
vi.mock('../functions/wiring/deliver.ts', async (original) => proxied.through('deliver', await original()));
vi.mock('../functions/wiring/render.ts', async (original) => proxied.through('render', await original()));
vi.mock('../functions/wiring/web.ts', async (original) => proxied.through('web', await original()));

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
          MemorySize: FUNCTIONS.render.memoryMb,
          Timeout: FUNCTIONS.render.timeoutSeconds,
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
    // Only the renderer and the functions that name templates get them; the others stay small.
    const withTemplates = Object.values(FUNCTIONS).filter((def) => 'renderer' in def || 'templates' in def);
    expect(withTemplates.length).toBe(2);
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { Environment: { Variables: Match.objectLike({ DISTR_TEMPLATES_DIR: Match.anyValue() }) } },
      withTemplates.length,
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

/** One Allow statement of a role, its resources named as below, with its LeadingKeys patterns if any. */
interface RoleStatement {
  actions: string[];
  resources: string[];
  /** The `ForAllValues:StringLike` `dynamodb:LeadingKeys` patterns; undefined without a condition. */
  keys?: string[];
  /** Set when the statement is anything but a plain Allow with no condition or that one. */
  unexpected?: string;
}

/**
 * Each function's role statements, resources named `table`, `table/index/gsi1`, `bucket`, `bucket/*`,
 * `queue:render`, `topic:documents` (anything else shows as its raw CloudFormation, so an unexpected
 * resource fails loudly).
 */
function roleStatements(stack: DistrStack, template: Template) {
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
  const leadingKeys = (condition: unknown): string[] | undefined => {
    const stringLike = (condition as Record<string, Record<string, unknown>> | undefined)?.[
      'ForAllValues:StringLike'
    ];
    const keys = stringLike?.['dynamodb:LeadingKeys'];
    const only = Object.keys(condition ?? {}).length === 1 && Object.keys(stringLike ?? {}).length === 1;
    return only && keys !== undefined ? [keys].flat().map(String) : undefined;
  };
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  return Object.fromEntries(
    functionNames.map((name) => {
      const roleId = roleIdOf(stack, name);
      const statements: RoleStatement[] = [];
      for (const policy of policies) {
        const attached = (policy.Properties.Roles as unknown[]).some(
          (ref) => (ref as { Ref?: string }).Ref === roleId,
        );
        if (!attached) continue;
        for (const statement of policy.Properties.PolicyDocument.Statement) {
          const keys = leadingKeys(statement.Condition);
          // Only plain allows, or allows on declared partitions, are expected.
          const plain =
            statement.Effect === 'Allow' &&
            !statement.NotAction &&
            !statement.NotResource &&
            (statement.Condition === undefined || keys !== undefined);
          statements.push({
            actions: [statement.Action].flat() as string[],
            resources: [statement.Resource].flat().map(label),
            ...(keys ? { keys } : {}),
            ...(plain ? {} : { unexpected: JSON.stringify(statement) }),
          });
        }
      }
      return [name, statements];
    }),
  ) as Record<FunctionName, RoleStatement[]>;
}

/** ` keys A#* B#*`: how a permission on declared partitions reads (patterns sorted). */
const keysSuffix = (patterns?: readonly string[]) =>
  patterns ? ` keys ${[...patterns].sort().join(' ')}` : '';

/** Every permission of each function's role as `action resource [keys patterns…]`. */
function rolePermissions(statements: Record<FunctionName, RoleStatement[]>) {
  return Object.fromEntries(
    functionNames.map((name) => {
      const permissions = new Set<string>();
      for (const statement of statements[name]) {
        if (statement.unexpected) permissions.add(`unexpected statement ${statement.unexpected}`);
        for (const action of statement.actions)
          for (const resource of statement.resources)
            permissions.add(`${action} ${resource}${keysSuffix(statement.keys)}`);
      }
      return [name, [...permissions].sort()];
    }),
  ) as Record<FunctionName, string[]>;
}

const roleIdOf = (stack: DistrStack, name: FunctionName) =>
  stack.getLogicalId(stack.functions[name].role?.node.defaultChild as CfnElement);

const WRITE_OPS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

/** The permissions resources.ts declares for a function, plus what its SQS event source brings. */
function declaredPermissions(name: FunctionName): string[] {
  const access = ACCESS[name];
  const consumed = (Object.entries(CONSUMERS) as [QueueName, FunctionName][])
    .filter(([, fn]) => fn === name)
    .map(([queue]) => queue);
  return [
    ...access.table.map((op) =>
      op === 'DescribeTable'
        ? `dynamodb:${op} table`
        : `dynamodb:${op} table${keysSuffix(access.writeKeys && WRITE_OPS.has(op) ? access.writeKeys : access.keys)}`,
    ),
    ...Object.entries(access.indexes).map(
      ([index, patterns]) => `dynamodb:Query table/index/${index}${keysSuffix(patterns)}`,
    ),
    ...access.bucket.map((op) => (op === 'ListBucket' ? `s3:${op} bucket` : `s3:${op} bucket/*`)),
    ...access.publish.map((topic) => `sns:Publish topic:${topic}`),
    ...access.send.map((queue) => `sqs:SendMessage queue:${queue}`),
    ...consumed.flatMap((queue) => CONSUME.map((action) => `${action} queue:${queue}`)),
  ].sort();
}

describe('least-privilege IAM (ACCESS in resources.ts)', () => {
  const { stack, template } = synth();
  const granted = rolePermissions(roleStatements(stack, template));
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
    // Pinned by hand: authorizer.ts does one GetItem (token-store getToken), of a token item.
    expect(granted.authorizer).toEqual(['dynamodb:GetItem table keys TOKEN#*']);
    expect(can('authorizer', /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem) /)).toBe(false);
    expect(can('authorizer', /^(s3|sns|sqs):/)).toBe(false);
    expect(can('authorizer', /table\/index\//)).toBe(false);
  });

  it('lets the web function write its sessions, what the console writes as the API does, and the trail', () => {
    // The console's register, reject, versions, distribution and follow-ups are the API's own domain
    // calls; its registries write tokens (created, revoked), agendas (loaded) and series (moved
    // forward); every change is recorded in the audit trail. Never a subscription, a secret or a
    // delivery. The submission form writes the submission and its idempotency record.
    const writes = [
      'AGENDA#*',
      'AUDIT#*',
      'COUNTER#*',
      'DOCUMENT#*',
      'IDEMPOTENCY#*',
      'JOB#*',
      'REGISTRATION#*',
      'SEARCH#*',
      'SESSION#*',
      'SUBMISSION#*',
      'SYMBOL#*',
      'TOKEN#*',
    ].join(' ');
    expect(
      granted.web.filter((p) => /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem) /.test(p)),
    ).toEqual(
      ['BatchWriteItem', 'DeleteItem', 'PutItem', 'UpdateItem'].map(
        (op) => `dynamodb:${op} table keys ${writes}`,
      ),
    );
    // Annex PDFs: checked when registering, read for the preview, put through the presigned URL.
    expect(granted.web.filter((p) => /^(s3|sns|sqs):/.test(p))).toEqual([
      's3:GetObject bucket/*',
      's3:ListBucket bucket',
      's3:PutObject bucket/*',
      'sns:Publish topic:documents',
      'sqs:SendMessage queue:render',
    ]);
  });

  it('lets the render worker store PDFs and issue, but not send to any queue', () => {
    // Pinned by hand from workers/render.ts and the distributor it runs.
    expect(granted.render).toEqual(
      [
        // Documents (with their versions, PDFs and distribution record), the submission it marks
        // distributed, and the search entries it writes: never a subscription, token or name.
        ...['BatchWriteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'].map(
          (op) => `dynamodb:${op} table keys DOCUMENT#* SEARCH#* SUBMISSION#*`,
        ),
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

  it('lets only the API, the web pages and the render worker publish to the documents topic', () => {
    // The web pages distribute with the API's own call, which may finish an issue and announce it.
    expect(functionNames.filter((name) => can(name, /^sns:Publish topic:documents$/))).toEqual([
      'api',
      'web',
      'render',
    ]);
    expect(functionNames.filter((name) => can(name, /^sns:/)).sort()).toEqual(['api', 'render', 'web']);
  });

  it('lets each queue be sent to only by its producer', () => {
    const senders = (queue: QueueName) =>
      functionNames.filter((name) => granted[name].includes(`sqs:SendMessage queue:${queue}`));
    expect(senders('render')).toEqual(['api', 'web']);
    expect(senders('deliveries')).toEqual(['notify']);
    // Only SNS sends to the notifications queue (its queue policy); no function does.
    expect(senders('notifications')).toEqual([]);
  });

  it('lets the deliver worker delay a retry on its own queue (ChangeMessageVisibility)', () => {
    expect(granted.deliver).toContain('sqs:ChangeMessageVisibility queue:deliveries');
    expect(granted.deliver).toEqual(
      [
        'dynamodb:GetItem table keys DELIVERY#* SECRET#* SUBSCRIPTION#*',
        'dynamodb:UpdateItem table keys DELIVERY#* SECRET#* SUBSCRIPTION#*',
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
    // So cdk-nag's IAM5 finding (acknowledged in the stack) arises for these three roles only.
    expect(functionNames.filter((name) => can(name, / bucket\/\*$/))).toEqual(['api', 'web', 'render']);
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

/** A DynamoDB request as IAM sees it: the action, the table or index, and the leading keys. */
interface KeyedRequest {
  action: string;
  resource: string;
  keys: string[];
}

/**
 * What `dynamodb:LeadingKeys` holds for a request, in the wire format (`{ S: … }`) or the document
 * client's: the item's `pk`; every item's for BatchWriteItem; for a Query, the value its key condition
 * sets the partition key of the table or of the index queried (`gsi1pk`…) to. Nothing for the rest.
 */
function keyedRequest(action: string, input: Record<string, unknown>): KeyedRequest {
  const text = (value: unknown) =>
    String(typeof value === 'string' ? value : ((value as { S?: string } | undefined)?.S ?? '(none)'));
  const pk = (item: unknown) => text((item as Record<string, unknown> | undefined)?.[TABLE.partitionKey]);
  switch (action) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return { action, resource: 'table', keys: [pk(input.Key)] };
    case 'PutItem':
      return { action, resource: 'table', keys: [pk(input.Item)] };
    case 'BatchWriteItem': {
      const writes = Object.values(input.RequestItems as Record<string, unknown[]>).flat() as {
        PutRequest?: { Item: unknown };
        DeleteRequest?: { Key: unknown };
      }[];
      return {
        action,
        resource: 'table',
        keys: writes.map((w) => pk(w.PutRequest?.Item ?? w.DeleteRequest?.Key)),
      };
    }
    case 'Query': {
      const index = TABLE.indexes.find((i) => i.name === input.IndexName);
      const attribute = index?.partitionKey ?? TABLE.partitionKey;
      const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
      const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
      const equality = [...String(input.KeyConditionExpression).matchAll(/([#\w]+)\s*=\s*(:\w+)/g)].find(
        ([, name]) => (names[name as string] ?? name) === attribute,
      );
      return {
        action,
        resource: index ? `table/index/${index.name}` : 'table',
        keys: [text(equality ? values[equality[2] as string] : undefined)],
      };
    }
    default:
      return { action, resource: 'table', keys: [] };
  }
}

/** IAM's StringLike: `*` any run of characters, `?` any one. */
const like = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(value);

/**
 * Whether a role's statements allow a request, as IAM evaluates these (Allow only, so no Deny to
 * weigh): an action and resource it lists, and, under `ForAllValues:StringLike`, every leading key
 * matching one of the patterns (true when there is no key at all, as IAM has it).
 */
const allows = (statements: RoleStatement[], r: KeyedRequest) =>
  statements.some(
    (s) =>
      !s.unexpected &&
      s.actions.includes(`dynamodb:${r.action}`) &&
      s.resources.includes(r.resource) &&
      (s.keys === undefined || r.keys.every((key) => s.keys?.some((pattern) => like(pattern, key)))),
  );

const COMMAND_ACTIONS: Record<string, string> = {
  GetCommand: 'GetItem',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  QueryCommand: 'Query',
  BatchWriteCommand: 'BatchWriteItem',
};

/** The requests a real adapter call sends (a mocked client records them): the adapters' own keys. */
async function sentBy(
  call: (store: { db: DynamoDBDocumentClient; tableName: string }) => Promise<unknown>,
): Promise<KeyedRequest[]> {
  const mock = mockClient(DynamoDBDocumentClient);
  mock.onAnyCommand().resolves({});
  try {
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
    await call({ db, tableName: 'distr' });
    return mock.calls().map(({ args: [command] }) => {
      const action = COMMAND_ACTIONS[command.constructor.name] ?? command.constructor.name;
      return keyedRequest(action, command.input as Record<string, unknown>);
    });
  } finally {
    mock.restore();
  }
}

/** Every action on items that any role could be granted (no Scan, BatchGetItem, PartiQL: see above). */
const ITEM_ACTIONS = ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];

describe('partitions each role may reach (dynamodb:LeadingKeys)', () => {
  const { stack, template } = synth();
  const statements = roleStatements(stack, template);
  /** The functions whose role allows `request` with any of `actions`. */
  const reach = (request: KeyedRequest, actions = ITEM_ACTIONS) =>
    functionNames.filter((name) =>
      actions.some((action) => allows(statements[name], { ...request, action })),
    );
  const subscriptionId = 'sub_0123456789abcdef01234567';

  it('conditions every DynamoDB statement on declared partitions, but DescribeTable, which names no item', () => {
    for (const name of functionNames) {
      for (const statement of statements[name].filter((s) =>
        s.actions.some((a) => a.startsWith('dynamodb:')),
      )) {
        const where = `${name}: ${JSON.stringify(statement)}`;
        if (statement.actions.includes('dynamodb:DescribeTable')) {
          // A statement of its own, without a condition: it never relies on ForAllValues passing an absent key.
          expect(statement, where).toEqual({ actions: ['dynamodb:DescribeTable'], resources: ['table'] });
          continue;
        }
        expect(statement.keys, where).toBeDefined();
        expect(statement.keys?.length, where).toBeGreaterThan(0);
        // Each pattern is a literal prefix, optionally `#*`: none admits every key, or keys of any prefix.
        for (const pattern of statement.keys ?? [])
          expect(pattern, where).toMatch(/^[A-Z]+(#[A-Za-z]+)*(#\*)?$/);
      }
    }
  });

  it('keeps the signing secrets to the API and the deliver worker, and subscriptions from render and the authorizer', async () => {
    const [subscription] = await sentBy((store) => getSubscription(store, subscriptionId));
    const [secret] = await sentBy((store) => getSigningSecret(store, subscriptionId));
    const [delivery] = await sentBy((store) => getDelivery(store, { subscriptionId, eventId: 'evt_1' }));
    const [active] = await sentBy((store) => listActiveSubscriptions(store));
    if (!subscription || !secret || !delivery || !active) throw new Error('the adapters sent nothing');
    expect(subscription.keys[0]).toMatch(/^SUBSCRIPTION#/);
    expect(secret.keys[0]).toMatch(/^SECRET#/);
    // The secret: the API (which writes and deletes it) and the deliver worker (to sign), nobody else.
    expect(reach(secret, ['GetItem'])).toEqual(['api', 'deliver']);
    expect(reach(secret)).toEqual(['api', 'deliver']);
    // The subscription item: the same two, and the console's pages, which read it (never write);
    // notify lists it on gsi1, where there is no secret.
    expect(reach(subscription)).toEqual(['api', 'web', 'deliver']);
    expect(reach(subscription, ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'])).not.toContain(
      'web',
    );
    // Delivery records, in a partition of their own: notify records them, deliver claims and settles
    // them; the API lists them on gsi2 only.
    expect(reach(delivery)).toEqual(['notify', 'deliver']);
    expect(reach(delivery, ['PutItem'])).toEqual(['notify']);
    // The list of active subscriptions (whole items on gsi1): notify, and the console's list.
    expect(active.resource).toBe('table/index/gsi1');
    expect(reach(active)).toEqual(['web', 'notify']);
    for (const name of ['render', 'authorizer'] as const) {
      for (const action of ITEM_ACTIONS) {
        expect(allows(statements[name], { ...subscription, action }), `${name} ${action}`).toBe(false);
        expect(allows(statements[name], { ...secret, action }), `${name} ${action}`).toBe(false);
      }
      expect(statements[name].some((s) => s.resources.some((r) => r.startsWith('table/index/')))).toBe(false);
    }
  });

  it('lets only the authorizer and the web pages read a token item (its hash), only the web pages write one or list them', async () => {
    const [token] = await sentBy((store) => getToken(store, 'tok_0123456789abcdef'));
    const [list] = await sentBy((store) => listTokens(store));
    if (!token || !list) throw new Error('the adapters sent nothing');
    expect(token.keys[0]).toMatch(/^TOKEN#/);
    // The web pages read the token of a session on every request, so that revoking it ends the session.
    expect(reach(token, ['GetItem'])).toEqual(['web', 'authorizer']);
    expect(reach(token)).toEqual(['web', 'authorizer']);
    // Besides the CLI (its caller's own credentials), only the console's token page creates and
    // revokes tokens and lists them.
    expect(reach(token, ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'])).toEqual(['web']);
    expect(reach(list)).toEqual(['web']);
  });

  it('would refuse a key outside the declared partitions (the evaluation is live)', () => {
    const read = (key: string): KeyedRequest => ({ action: 'GetItem', resource: 'table', keys: [key] });
    expect(allows(statements.render, read('DOCUMENT#d1'))).toBe(true);
    expect(allows(statements.render, read('DOCUMENTX'))).toBe(false);
    expect(allows(statements.render, read('SYMBOL#A/79/923'))).toBe(false);
    // BatchWriteItem: one item outside the partitions refuses the whole request.
    const batch = { action: 'BatchWriteItem', resource: 'table' };
    expect(allows(statements.render, { ...batch, keys: ['SEARCH#d1', 'SEARCH#d2'] })).toBe(true);
    expect(allows(statements.render, { ...batch, keys: ['SEARCH#d1', 'SUBSCRIPTION#s'] })).toBe(false);
  });
});

/** One request a function sent to DynamoDB, as its recording proxy saw it. */
interface Sent extends KeyedRequest {
  fn: FunctionName;
}

/** A proxy to the DynamoDB stand-in that records every request `fn` sends through it. */
async function recordingProxy(fn: FunctionName, log: Sent[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = String(req.headers['x-amz-target'] ?? '').replace(/^DynamoDB_\d+\./, '');
      log.push({ fn, ...keyedRequest(action, JSON.parse(body.toString('utf8') || '{}')) });
      const upstream = new URL(proxied.upstream.url);
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe('the partitions the real handlers use (local stand-ins, each function through a recording proxy)', () => {
  const { stack, template } = synth();
  const statements = roleStatements(stack, template);
  const log: Sent[] = [];
  const proxies: Server[] = [];
  let distr: TestDistr | undefined;
  let receiver: Receiver | undefined;

  beforeAll(async () => {
    for (const fn of functionNames) {
      const proxy = await recordingProxy(fn, log);
      proxies.push(proxy.server);
      proxied.endpoints[fn] = proxy.url;
    }
    distr = await startTestDistr();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await distr?.dispose();
    for (const server of proxies) {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });

  /**
   * Every route group, the render fan-out, a webhook delivery, and the API finishing an issue whose
   * search entries were never written (as after a crash between the flip and the indexing).
   */
  async function scenario(distr: TestDistr, receiver: Receiver) {
    const expectStatus = async <T>(call: Promise<{ status: number; body: T }>, status: number) => {
      const answer = await call;
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      return answer.body;
    };
    const officer = client(distr, await tokenFor(distr, 'officer'));
    const mission = client(distr, await tokenFor(distr, 'mission'));
    const subscriber = client(distr, await tokenFor(distr, 'subscriber'));
    const anonymous = client(distr);

    await expectStatus(anonymous('GET', '/v1/health'), 200);
    await expectStatus(officer('PUT', '/v1/agendas/GA/79', fixture('agenda-GA-79.json')), 200);
    await expectStatus(officer('GET', '/v1/agendas/GA/79'), 200);
    for (const [series, next] of [
      ['A/79', 923],
      ['S/2025', 341],
      ['job/25', 8590],
    ] as const) {
      await expectStatus(officer('PUT', '/v1/series', { series, next }), 200);
    }
    await expectStatus(officer('GET', '/v1/series'), 200);
    const subscription = await expectStatus(
      subscriber<{ id: string }>('POST', '/v1/subscriptions', {
        url: receiver.url,
        filters: { organs: ['GA'] },
      }),
      201,
    );
    await expectStatus(subscriber('GET', `/v1/subscriptions/${subscription.id}`), 200);
    await expectStatus(subscriber('GET', '/v1/subscriptions'), 200);

    const letter = fixture('sample-submission.json');
    const once = { 'idempotency-key': 'leading-keys-1' };
    const submitted = await expectStatus(
      mission<{ id: string }>('POST', '/v1/submissions', letter, once),
      201,
    );
    await expectStatus(mission('POST', '/v1/submissions', letter, once), 201);
    const other = await expectStatus(mission<{ id: string }>('POST', '/v1/submissions', letter), 201);
    await expectStatus(mission('GET', '/v1/submissions'), 200);
    await expectStatus(mission('GET', `/v1/submissions/${submitted.id}`), 200);
    await expectStatus(officer('GET', '/v1/submissions?status=received'), 200);
    await expectStatus(officer('GET', '/v1/submissions'), 200);
    await expectStatus(officer('POST', `/v1/submissions/${other.id}/reject`, { reason: 'Sent twice' }), 200);

    const { symbol } = await expectStatus(
      officer<{ symbol: string }>('POST', `/v1/submissions/${submitted.id}/register`, {
        issued: '2025-06-03',
      }),
      201,
    );
    await expectStatus(
      officer('POST', '/v1/documents/A/79/923/followups', { type: 'addendum', issued: '2025-06-10' }),
      201,
    );
    const versions = fixture<{ versions: Record<string, unknown> }>('A-79-923-S-2025-341.json').versions;
    for (const lang of LANGUAGES) {
      const put = await officer('PUT', `/v1/documents/${symbol}/versions/${lang}`, versions[lang]);
      expect(put.status, JSON.stringify(put.body)).toBeLessThan(300);
    }
    await expectStatus(officer('GET', `/v1/documents/${symbol}`), 200);
    await expectStatus(officer('POST', `/v1/documents/${symbol}/distribute`), 202);

    // render ×6 → documents topic → notify → deliver → the receiver, and the outcome recorded.
    await until('the webhook delivery', () => receiver.events()[0], 60_000);
    await until('the delivery recorded as delivered', async () => {
      const page = await subscriber<{ items: { status: string }[] }>(
        'GET',
        `/v1/subscriptions/${subscription.id}/deliveries`,
      );
      return page.body.items[0]?.status === 'delivered' ? true : undefined;
    });

    await expectStatus(anonymous('GET', '/v1/documents/A/79/923'), 200);
    await expectStatus(anonymous('GET', '/v1/documents?organ=GA&session=79'), 200);
    await expectStatus(anonymous('GET', '/v1/documents?symbol=A/79/*&sort=symbol'), 200);
    expect((await fetch(`${distr.url}/v1/feeds/documents.atom?organ=SC`)).status).toBe(200);
    expect((await fetch(`${distr.url}/en/A/79/923`, { redirect: 'manual' })).status).toBe(302);
    // The web pages: the latest (search, every document), a search, a document page.
    for (const page of ['/en', '/ar/search?organ=GA&session=79&agendaItem=51', '/en/documents/A/79/923']) {
      expect((await fetch(`${distr.url}${page}`)).status, page).toBe(200);
    }

    // The signed-in pages: a failed and a good sign-in, a mission's portal and submission, the
    // console, and sign-out.
    expect(
      (await fetch(`${distr.url}/en/sign-in`, formPost(distr.url, { token: 'distr_wrong' }))).status,
    ).toBe(401);
    const missionCookie = await signIn(distr.url, await tokenFor(distr, 'mission'));
    const portal = await fetch(`${distr.url}/en/portal`, { headers: { cookie: missionCookie } });
    expect(portal.status).toBe(200);
    const csrf = csrfOf(await portal.text());
    const submissionPage = await fetch(`${distr.url}/en/portal/submissions/${submitted.id}`, {
      headers: { cookie: missionCookie },
    });
    expect(submissionPage.status).toBe(200);
    // Registered above: its job number is on the page.
    const shown = await submissionPage.text();
    expect(shown).toMatch(/Job number<\/dt>\s*<dd><span dir="ltr">\d{2}-\d{5}</);
    // Its six language versions are in.
    expect(shown.match(/<ul class="versions">[\s\S]*?<\/ul>/)?.[0].match(/<li>/g)).toHaveLength(6);
    // The new-submission form: the agenda items of a session, a post with a PDF annex (submission,
    // idempotency record, the annex's upload ticket and presigned PUT) and the same form again.
    const form = await fetch(`${distr.url}/en/portal/submissions/new?session=79`, {
      headers: { cookie: missionCookie },
    });
    expect(form.status).toBe(200);
    const formKey = /name="formKey" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const pdf = new Blob([Buffer.from(await honestPdf(1))], { type: 'application/pdf' });
    const fields: [string, string | Blob, string?][] = [
      ['csrf', csrf],
      ['formKey', formKey],
      ...sampleFormFields(),
      ['annex-p1-heading', 'Annex II'],
      ['annex-p1-file', pdf, 'annex.pdf'],
    ];
    for (let i = 0; i < 2; i++) {
      const sent = await fetch(
        `${distr.url}/en/portal/submissions`,
        multipartPost(distr.url, missionCookie, fields),
      );
      expect(sent.status, await sent.clone().text()).toBe(303);
    }
    const officerCookie = await signIn(distr.url, await tokenFor(distr, 'officer'));
    expect((await fetch(`${distr.url}/en/console`, { headers: { cookie: officerCookie } })).status).toBe(200);

    // The console's intake: every status (gsi3), a submission with a PDF annex registered through
    // the confirmation (the forecast reads the counters; the PDF is checked missing, then uploaded),
    // and another rejected.
    const officerInit = { headers: { cookie: officerCookie }, redirect: 'manual' as const };
    const console = await fetch(`${distr.url}/en/console?status=any`, officerInit);
    expect(console.status).toBe(200);
    const officerCsrf = csrfOf(await console.text());
    const { annexes: _text, ...withoutAnnexes } = letter as Record<string, unknown>;
    const withPdf = await expectStatus(
      mission<{ id: string }>('POST', '/v1/submissions', {
        ...withoutAnnexes,
        annexes: [{ heading: 'Annex', attachment: 'map' }],
      }),
      201,
    );
    const annexPdf = await PDFDocument.create();
    annexPdf.addPage([595, 842]).drawText('Annex', { x: 72, y: 700 });
    const bytes = await annexPdf.save();
    const ticket = await expectStatus(
      mission<{ uploadUrl: string; headers: Record<string, string> }>(
        'POST',
        `/v1/submissions/${withPdf.id}/attachments`,
        { annex: 0, contentType: 'application/pdf', bytes: bytes.length },
      ),
      201,
    );
    const intake = `${distr.url}/en/console/submissions/${withPdf.id}`;
    expect((await fetch(intake, officerInit)).status).toBe(200);
    expect((await fetch(`${intake}/register`, officerInit)).status).toBe(200);
    const register = () =>
      fetch(`${intake}/register`, formPost(distr.url, { csrf: officerCsrf }, { cookie: officerCookie }));
    expect((await register()).status).toBe(422);
    const upload = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.headers, body: bytes });
    expect(upload.status).toBe(200);
    expect((await register()).status).toBe(303);
    const toReject = await expectStatus(mission<{ id: string }>('POST', '/v1/submissions', letter), 201);
    const rejected = await fetch(
      `${distr.url}/en/console/submissions/${toReject.id}/reject`,
      formPost(distr.url, { csrf: officerCsrf, reason: 'Sent twice' }, { cookie: officerCookie }),
    );
    expect(rejected.status).toBe(303);
    // The console's registries, each read and write through its page: tokens (list, create, revoke),
    // an agenda (read, load), the series (list, read, move), the subscriptions and one's deliveries.
    const asOfficer = (path: string, init: RequestInit = {}) =>
      fetch(`${distr.url}${path}`, {
        redirect: 'manual',
        ...init,
        headers: { cookie: officerCookie, ...(init.headers as Record<string, string>) },
      });
    const tokensPage = await asOfficer('/en/console/tokens');
    expect(tokensPage.status).toBe(200);
    const tokensHtml = await tokensPage.text();
    const key = /name="key" value="([0-9a-f]{32})"/.exec(tokensHtml)?.[1] ?? '';
    const createdToken = await asOfficer(
      '/en/console/tokens',
      formPost(distr.url, { csrf: officerCsrf, key, role: 'subscriber', state: '' }),
    );
    expect(createdToken.status).toBe(200);
    const newId = /distr_([0-9a-f]{16})_/.exec(await createdToken.text())?.[1];
    expect(
      (await asOfficer(`/en/console/tokens/${newId}/revoke`, formPost(distr.url, { csrf: officerCsrf })))
        .status,
    ).toBe(303);
    expect((await asOfficer('/en/console/agendas?session=79')).status).toBe(200);
    const agendaForm = new FormData();
    agendaForm.append('csrf', officerCsrf);
    agendaForm.append('session', '80');
    agendaForm.append('text', JSON.stringify(fixture('agenda-GA-79.json')));
    expect(
      (
        await asOfficer('/en/console/agendas', {
          method: 'POST',
          headers: { origin: distr.url },
          body: agendaForm,
        })
      ).status,
    ).toBe(303);
    expect((await asOfficer('/en/console/series')).status).toBe(200);
    expect((await asOfficer('/en/console/series/move?series=A%2F79&next=950')).status).toBe(200);
    expect(
      (
        await asOfficer(
          '/en/console/series',
          formPost(distr.url, { csrf: officerCsrf, series: 'A/79', next: '950' }),
        )
      ).status,
    ).toBe(303);
    expect((await asOfficer('/en/console/subscriptions')).status).toBe(200);
    expect((await asOfficer(`/en/console/subscriptions/${subscription.id}`)).status).toBe(200);
    expect(
      (await fetch(`${distr.url}/en/sign-out`, formPost(distr.url, { csrf }, { cookie: missionCookie })))
        .status,
    ).toBe(303);

    // The officer's document pages, on the addendum made above: its six versions from the form, the
    // page, a preview, distribution (render jobs sent by the web function) and its progress, and a
    // follow-up of the original.
    const page = (path: string) => fetch(`${distr.url}${path}`, { headers: { cookie: officerCookie } });
    const post = (path: string, fields: Record<string, string>) =>
      fetch(
        `${distr.url}${path}`,
        formPost(distr.url, { csrf: officerCsrf, ...fields }, { cookie: officerCookie }),
      );
    const addendum = '/en/console/documents/A/79/923/Add.1';
    for (const lang of LANGUAGES) {
      const version = versions[lang] as {
        title: string;
        body: string;
        signature?: { name: string; title?: string[] };
      };
      const saved = await post(`${addendum}/versions/${lang}`, {
        title: version.title,
        body: version.body,
        signatureName: version.signature?.name ?? '',
        signatureTitle: (version.signature?.title ?? []).join('\n'),
      });
      expect(saved.status, lang).toBe(303);
    }
    expect((await page(addendum)).status).toBe(200);
    expect((await page(`${addendum}/preview/fr`)).headers.get('content-type')).toBe('application/pdf');
    expect((await post(`${addendum}/distribute`, {})).status).toBe(303);
    expect((await page(`${addendum}/progress`)).status).toBe(200);
    await until('the addendum public', async () =>
      (await fetch(`${distr.url}/en/documents/A/79/923/Add.1`)).status === 200 ? true : undefined,
    );
    const followupKey = /name="key" value="([^"]+)"/.exec(
      await (await page('/en/console/documents/A/79/923')).text(),
    );
    const made = await post('/en/console/documents/A/79/923/followups', {
      key: followupKey?.[1] ?? '',
      type: 'addendum',
    });
    expect(made.headers.get('location')).toMatch(/^\/en\/console\/documents\/A\/79\/923\/Add\.2-/);
    // Both distributions announced and delivered before the subscription goes.
    await until('the addendum delivered', () => (receiver.events().length >= 2 ? true : undefined), 60_000);

    // As if the worker that flipped it had died before indexing (outside the recorded functions):
    // once the render workers are done (the event's publication is their last step), drop the mark.
    const { db } = createAwsClients(distr.env);
    const tableName = distr.env.TABLE_NAME ?? '';
    const document = await createDocumentStore(db, tableName).findBySymbol('A/79/923');
    // distribution-store.ts keeps the record at sk DISTRIBUTION in the document's partition.
    const record = { pk: `DOCUMENT#${document?.id}`, sk: 'DISTRIBUTION' };
    await until('the event recorded as published', async () => {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: record, ConsistentRead: true }),
      );
      return Item?.eventPublished === true ? true : undefined;
    });
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: record,
        UpdateExpression: 'REMOVE #indexed',
        ExpressionAttributeNames: { '#indexed': 'indexed' },
      }),
    );
    await expectStatus(officer('POST', `/v1/documents/${symbol}/distribute`), 200);
    // And once more, finished from the console's Distribute button: the search entries and the
    // submission's mark again.
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: record,
        UpdateExpression: 'REMOVE #indexed, #marked',
        ExpressionAttributeNames: { '#indexed': 'indexed', '#marked': 'submissionMarked' },
      }),
    );
    expect((await post('/en/console/documents/A/79/923/distribute', {})).status).toBe(303);
    await expectStatus(subscriber('DELETE', `/v1/subscriptions/${subscription.id}`), 204);
  }

  it('sends only keys the roles allow, and uses every partition and action each role is granted', async () => {
    if (!distr || !receiver) throw new Error('not started');
    await scenario(distr, receiver);

    // No request any function sent would be refused in AWS.
    expect(log.filter((sent) => !allows(statements[sent.fn], sent))).toEqual([]);

    // And each grant is used: every table operation, index and partition declared for a function
    // was needed by this run. A grant no code path needs any more fails here: drop it from ACCESS.
    const seen = (fn: FunctionName) => {
      const uses = new Set<string>();
      for (const sent of log.filter((s) => s.fn === fn)) {
        uses.add(`${sent.action} ${sent.resource}`);
        const index = sent.resource.replace(/^table\/index\//, '') as IndexName;
        const patterns = sent.resource === 'table' ? ACCESS[fn].keys : ACCESS[fn].indexes[index];
        for (const key of sent.keys) {
          uses.add(`${sent.resource} ${patterns?.find((p) => like(p, key)) ?? `(undeclared) ${key}`}`);
        }
      }
      return [...uses].sort();
    };
    const declared = (fn: FunctionName) => {
      const access = ACCESS[fn];
      return [
        ...access.table.map((op) => `${op} table`),
        ...access.keys.map((pattern) => `table ${pattern}`),
        ...Object.entries(access.indexes).flatMap(([index, patterns]) => [
          `Query table/index/${index}`,
          ...(patterns ?? []).map((pattern) => `table/index/${index} ${pattern}`),
        ]),
      ].sort();
    };
    for (const fn of functionNames) expect(seen(fn), fn).toEqual(declared(fn));
  }, 120_000);
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
