/**
 * Distr's AWS stack. Every resource comes from the definitions in resources.ts, which the local
 * runtime also provisions from, so the two cannot drift apart.
 */

import {
  type CfnElement,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { PDF_CHECK_WORKER_BUNDLE } from '../functions/adapters/pdf-check-runner.ts';
import { ROUTES } from '../functions/http/routes.ts';
import {
  ACCESS,
  AUTHORIZER,
  CONSUMERS,
  ENV,
  FUNCTIONS,
  type FunctionAccess,
  type FunctionName,
  QUEUES,
  type QueueName,
  TABLE,
  TOPIC_SUBSCRIPTIONS,
  type TopicName,
} from '../functions/resources.ts';

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

    const accessLogs = new Bucket(this, 'AccessLogs', {
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

    this.bucket = new Bucket(this, 'Documents', {
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'documents/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new TableV2(this, 'Table', {
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

    const documentsTopic = new Topic(this, 'DocumentsTopic', { enforceSSL: true });
    Validations.of(documentsTopic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'Events carry only public metadata of distributed documents (symbols, organs, languages).',
    });

    const queues = {} as Record<QueueName, Queue>;
    for (const [name, def] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
      const deadLetters = new Queue(this, `${pascal(name)}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetters).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself a dead-letter queue.',
      });
      queues[name] = new Queue(this, `${pascal(name)}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: def.maxReceiveCount },
      });
      new Alarm(this, `${pascal(name)}DeadLettersAlarm`, {
        alarmDescription: `Messages parked in the ${name} dead-letter queue`,
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }

    const topics: Record<TopicName, Topic> = { documents: documentsTopic };
    this.topics = topics;
    this.queues = queues;
    for (const sub of TOPIC_SUBSCRIPTIONS) {
      topics[sub.topic].addSubscription(
        new SqsSubscription(queues[sub.queue], {
          rawMessageDelivery: sub.rawMessageDelivery,
          ...(sub.filterPolicy
            ? {
                filterPolicy: Object.fromEntries(
                  Object.entries(sub.filterPolicy).map(([name, values]) => [
                    name,
                    new SubscriptionFilter(values),
                  ]),
                ),
              }
            : {}),
        }),
      );
    }

    this.api = new HttpApi(this, 'Api', {
      description: 'Distr HTTP API',
      corsPreflight: {
        allowOrigins: ['*'],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        exposeHeaders: ['location'],
      },
    });
    const apiLogs = new LogGroup(this, 'ApiAccessLogs', { retention: logRetention });
    const stage = this.api.defaultStage;
    if (stage) {
      // The L2 HttpStage has no access-log property for the default stage; set it on the L1.
      const cfnStage = stage.node.defaultChild as CfnStage;
      cfnStage.accessLogSettings = {
        destinationArn: apiLogs.logGroupArn,
        format: JSON.stringify({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          requestTime: '$context.requestTime',
          routeKey: '$context.routeKey',
          status: '$context.status',
          responseLength: '$context.responseLength',
          latency: '$context.responseLatency',
        }),
      };
    }

    const publicUrl = props.publicUrl ?? this.api.apiEndpoint;
    const environment: Record<string, string> = {
      [ENV.table]: this.table.tableName,
      [ENV.bucket]: this.bucket.bucketName,
      [ENV.documentsTopic]: documentsTopic.topicArn,
      [ENV.renderQueue]: queues.render.queueUrl,
      [ENV.deliveriesQueue]: queues.deliveries.queueUrl,
      [ENV.publicUrl]: publicUrl,
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'distr',
    };

    this.functions = {} as Record<FunctionName, NodejsFunction>;
    for (const [name, def] of Object.entries(FUNCTIONS) as [
      FunctionName,
      (typeof FUNCTIONS)[FunctionName],
    ][]) {
      const fn = new NodejsFunction(this, `${pascal(name)}Function`, {
        entry: def.entry,
        handler: 'handler',
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: def.memoryMb,
        timeout: Duration.seconds(def.timeoutSeconds),
        environment: isRenderer(def)
          ? { ...environment, DISTR_TEMPLATES_DIR: RENDERER_TEMPLATES_DIR }
          : environment,
        logGroup: new LogGroup(this, `${pascal(name)}Logs`, { retention: logRetention }),
        bundling: {
          format: OutputFormat.ESM,
          minify: true,
          sourceMap: true,
          target: 'node24',
          mainFields: ['module', 'main'],
          // Bundle the pinned SDK rather than whatever version the Lambda runtime ships.
          externalModules: isRenderer(def) ? ['harfbuzzjs'] : [],
          banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
          ...(isRenderer(def) ? { commandHooks: rendererAssets } : {}),
          ...(CHECKS_PDFS.includes(name) ? { commandHooks: pdfCheckWorker } : {}),
        },
      });
      this.functions[name] = fn;
      // Least privilege: each role gets what resources.ts declares for it (ACCESS), nothing else.
      grantAccess(fn, ACCESS[name], { table: this.table, bucket: this.bucket, topics, queues });
      acknowledgeFunctionFindings(this, fn, ACCESS[name], this.bucket);
    }

    for (const [queue, fn] of Object.entries(CONSUMERS) as [QueueName, FunctionName][]) {
      this.functions[fn].addEventSource(
        new SqsEventSource(queues[queue], {
          batchSize: QUEUES[queue].batchSize,
          reportBatchItemFailures: true,
        }),
      );
    }

    const authorizer = AUTHORIZER
      ? new HttpLambdaAuthorizer('TokenAuthorizer', this.functions[AUTHORIZER], {
          responseTypes: [HttpLambdaResponseType.SIMPLE],
          // No identity source and no caching: the authorizer also runs for anonymous callers, who
          // may read public documents on the same routes, and revocations take effect at once.
          identitySource: [],
          resultsCacheTtl: Duration.seconds(0),
        })
      : undefined;

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      let integration = integrations.get(route.fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${pascal(route.fn)}Integration`, this.functions[route.fn]);
        integrations.set(route.fn, integration);
      }
      const httpRoute = new HttpRoute(
        this,
        `Route${pascal(route.method.toLowerCase())}${routeId(route.path)}`,
        {
          httpApi: this.api,
          routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
          integration,
          ...(route.auth === 'token' && authorizer ? { authorizer } : {}),
        },
      );
      if (route.auth === 'none' || !authorizer) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'Public route by design (health, OpenAPI document, published documents).',
        });
      }
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
  }
}

/** Where the renderer's files are in the deployed bundle (LAMBDA_TASK_ROOT is /var/task). */
const RENDERER_TEMPLATES_DIR = '/var/task/templates';

const isRenderer = (def: (typeof FUNCTIONS)[FunctionName]) => 'renderer' in def && def.renderer;

/**
 * The renderer reads its fonts (~35 MB, within Lambda's 250 MB) and templates from disk, and
 * harfbuzzjs loads its WASM files beside its own module: so `templates/` is copied next to the
 * handler, and harfbuzzjs stays a real package under node_modules instead of being bundled.
 */
const rendererAssets: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) => [
    `cp -R "${inputDir}/templates" "${outputDir}/templates"`,
    `mkdir -p "${outputDir}/node_modules"`,
    `cp -R "${inputDir}/node_modules/harfbuzzjs" "${outputDir}/node_modules/harfbuzzjs"`,
  ],
};

/** Functions that check uploaded PDF annexes, in a worker thread that needs its own bundle. */
const CHECKS_PDFS: readonly FunctionName[] = ['api'];

/**
 * The PDF check runs in a worker thread (functions/adapters/pdf-check-runner.ts), and a worker
 * needs an entry file: this bundles it on its own, pdf-lib included, next to the handler.
 */
export const pdfCheckWorkerBuild = (inputDir: string, outputDir: string): string[] => [
  [
    `"${inputDir}/node_modules/.bin/esbuild"`,
    `"${inputDir}/functions/adapters/pdf-check-worker.ts"`,
    '--bundle --platform=node --format=esm --target=node24 --minify --main-fields=module,main',
    `--banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);"`,
    `--outfile="${outputDir}/${PDF_CHECK_WORKER_BUNDLE}"`,
  ].join(' '),
];

const pdfCheckWorker: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: pdfCheckWorkerBuild,
};

const pascal = (s: string) =>
  s.replace(/(^|[-_/{}+])(\w)/g, (_, __, c: string) => c.toUpperCase()).replace(/\W/g, '');
const routeId = (path: string) => pascal(path.replace(/[{}+]/g, '').replace(/\//g, '-')) || 'Root';

/**
 * Grants exactly the declared access, with explicit actions: CDK's grantReadData/grantReadWriteData
 * would add DescribeTable, Scan, BatchGetItem, stream reads and every index, grantRead/grantReadWrite
 * the s3:GetBucket*, s3:List* and s3:DeleteObject* groups, grantSendMessages GetQueueAttributes and
 * GetQueueUrl, none of which the code calls. Item operations and index queries reach only the
 * declared partitions (a `dynamodb:LeadingKeys` condition).
 */
function grantAccess(
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
  if (items.length > 0) {
    allow(
      items.map((op) => `dynamodb:${op}`),
      [table.tableArn],
      leadingKeys(access.keys, fn.node.id),
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
function acknowledgeFunctionFindings(
  stack: Stack,
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
    const bucketId = stack.getLogicalId(bucket.node.defaultChild as CfnElement);
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      reason: `Only ${objects.map((op) => `s3:${op}`).join(', ')} on objects of the documents bucket (ACCESS in functions/resources.ts).`,
    });
  }
}
