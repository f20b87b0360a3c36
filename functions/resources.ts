/**
 * The one source of truth for Distr's AWS resources: key schema, indexes, queues, routes, and what
 * each function may do to them (ACCESS).
 * Plain data with no CDK or SDK import, shared by the CDK stack (infra/) and the runtime (functions/:
 * configuration, the local stand-ins), so both build the same thing and neither imports the other.
 */

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Generic overloaded indexes (single-table design); each entity documents what it puts in them. */
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
  timeToLiveAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof TABLE.indexes)[number]['name'];

/** Queues, each with a dead-letter queue that receives a message after `maxReceiveCount` failed receives. */
export const QUEUES = {
  /**
   * One message per language version; in AWS each is its own `render` invocation, so the six render in
   * parallel. The local poller runs `localConcurrency` receive loops to the same effect.
   * Lambda refuses an SQS event source whose queue hides a message for less than the function's
   * timeout, so the visibility timeout stays above the render function's (25 s); a worker then
   * shortens and renews its own message's (RENDER_HEARTBEAT in domain/distribution.ts), so a crashed
   * render is retried 15 s after its last heartbeat, not after this. Five receives, not three:
   * with so short a timeout, a throttled invocation's receive counts too.
   */
  render: { visibilityTimeoutSeconds: 30, maxReceiveCount: 5, batchSize: 1, localConcurrency: 6 },
  /** Webhook deliveries, one message per (event, subscription); retries back off, the last one parks. */
  deliveries: { visibilityTimeoutSeconds: 60, maxReceiveCount: 6, batchSize: 10 },
  /** `document.distributed` events from the documents topic, fanned out to matching subscriptions. */
  notifications: { visibilityTimeoutSeconds: 60, maxReceiveCount: 5, batchSize: 10 },
} as const;
export type QueueName = keyof typeof QUEUES;

export const TOPICS = {
  /** One `document.distributed` event per distribution, with message attributes for filter policies. */
  documents: {},
} as const;
export type TopicName = keyof typeof TOPICS;

export interface TopicSubscriptionDef {
  topic: TopicName;
  queue: QueueName;
  /** Deliver the published message itself (and its attributes) rather than the SNS JSON envelope. */
  rawMessageDelivery: boolean;
  /** An SNS filter policy on message attributes, as JSON. */
  filterPolicy?: Record<string, unknown[]>;
}

/** Queues subscribed to topics (SNS `SqsSubscription` in AWS, SNS Subscribe on the stand-in locally). */
export const TOPIC_SUBSCRIPTIONS: TopicSubscriptionDef[] = [
  {
    topic: 'documents',
    queue: 'notifications',
    rawMessageDelivery: true,
    filterPolicy: { type: ['document.distributed'] },
  },
];

/** Lambda functions: the entry file, a wiring module (functions/wiring/), exports `handler`. */
export const FUNCTIONS = {
  api: { entry: 'functions/wiring/api.ts', memoryMb: 512, timeoutSeconds: 29 },
  /**
   * The web pages (HTML, server-rendered). The previews (the officer's, a mission's draft)
   * render a PDF in process, so it ships the renderer as the render worker does (all of `templates/`, the pages' strings, messages
   * and stylesheet among them, and HarfBuzz's WASM), with the same full vCPU; the timeout is API Gateway's own (a preview, or a post with PDF annexes
   * to upload).
   */
  web: { entry: 'functions/wiring/web.ts', memoryMb: 1769, timeoutSeconds: 29, renderer: true },
  authorizer: { entry: 'functions/wiring/authorizer.ts', memoryMb: 256, timeoutSeconds: 5 },
  // Both stay well under their queues' visibility timeout, as the SQS event source requires.
  notify: { entry: 'functions/wiring/notify.ts', memoryMb: 256, timeoutSeconds: 30 },
  deliver: { entry: 'functions/wiring/deliver.ts', memoryMb: 256, timeoutSeconds: 30 },
  // One language version per invocation; rendering is CPU-bound and Lambda gives a full vCPU at 1769 MB.
  // The timeout stays under the render queue's visibility timeout (30 s), as Lambda requires.
  render: {
    entry: 'functions/wiring/render.ts',
    memoryMb: 1769,
    timeoutSeconds: 25,
    /** Ships `templates/` (fonts, layouts, strings) and HarfBuzz's WASM with the bundle. */
    renderer: true,
  },
} as const;
export type FunctionName = keyof typeof FUNCTIONS;

/**
 * DynamoDB operations, named as their IAM actions (`dynamodb:<op>`). Conditional writes and consistent
 * reads need nothing more; nothing calls Scan, BatchGetItem or transactions (dynalite has none).
 */
export type TableOperation =
  | 'GetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'DescribeTable';

/**
 * S3 operations on the documents bucket, named as their IAM actions (`s3:<op>`). HeadObject needs
 * GetObject; a GET of a given version GetObjectVersion; HeadBucket ListBucket, which also makes S3
 * answer 404 rather than 403 for a missing key. A presigned URL carries its signer's permissions.
 */
export type BucketOperation = 'GetObject' | 'GetObjectVersion' | 'PutObject' | 'ListBucket';

/**
 * A partition-key pattern as IAM's `StringLike` reads it (`*`: any run of characters), matched against
 * `dynamodb:LeadingKeys`: the item's `pk` for GetItem, PutItem, UpdateItem, DeleteItem and a Query of
 * the table, every item's `pk` for BatchWriteItem, and for a Query of an index the partition-key value
 * of that index (`gsi1pk`…).
 */
export type KeyPattern = string;

/**
 * Every partition of the table, by the adapter that keys it. The prefixes are string literals in the
 * adapters (functions/adapters/*-store.ts, search-index.ts), which resources.ts does not import (it
 * stays plain data for the CDK app); test/infra.test.ts runs the real handlers on the local stand-ins
 * and checks every key they send against these, so a new or renamed prefix fails there.
 */
export const PARTITIONS = {
  /**
   * token-store.ts `TOKEN#{id}`: role, state and the token's SHA-256. Written by the CLI, and by the
   * console's pages (missions' and subscribers' tokens, revocations).
   */
  token: 'TOKEN#*',
  /** submission-store.ts `SUBMISSION#{id}`. */
  submission: 'SUBMISSION#*',
  /** session-store.ts `SESSION#{sha256(id)}` (browser sessions), `SESSION#FAILURES#…` (failed sign-ins). */
  session: 'SESSION#*',
  /** idempotency-store.ts `IDEMPOTENCY#{scope}#{key}`. */
  idempotency: 'IDEMPOTENCY#*',
  /** counter-store.ts `COUNTER#{series}`: numbering series and follow-up counters. */
  counter: 'COUNTER#*',
  /** agenda-store.ts `AGENDA#GA#{session}`. */
  agenda: 'AGENDA#*',
  /** document-store.ts and distribution-store.ts `DOCUMENT#{id}`: head, `VERSION#`, `PDF#`, `DISTRIBUTION`. */
  document: 'DOCUMENT#*',
  /** document-store.ts: claimed symbols `SYMBOL#{symbol}`, job numbers `JOB#{number}`, registrations. */
  symbol: 'SYMBOL#*',
  job: 'JOB#*',
  registration: 'REGISTRATION#*',
  /** search-index.ts `SEARCH#{documentId}`: one entry per facet. */
  search: 'SEARCH#*',
  /** subscription-store.ts `SUBSCRIPTION#{id}`: URL, filters, owner (what notify lists on gsi1). */
  subscription: 'SUBSCRIPTION#*',
  /**
   * subscription-store.ts `SECRET#{subscriptionId}`: the webhook's signing secret in plain text, in a
   * partition of its own because IAM sees partition keys only.
   */
  secret: 'SECRET#*',
  /** delivery-store.ts `DELIVERY#{subscriptionId}`: a subscription's delivery records (sk `EVENT#…`). */
  delivery: 'DELIVERY#*',
  /** audit-store.ts `AUDIT#{submission|document}#{id}`: who did what, one item per change. */
  audit: 'AUDIT#*',
} as const satisfies Record<string, KeyPattern>;

/**
 * The index partitions something queries, per index (the value of `gsi1pk`, `gsi2pk`, `gsi3pk`).
 * document-store.ts also writes `gsi1pk = DOCUMENTS`, which nothing queries.
 */
export const INDEX_PARTITIONS = {
  gsi1: {
    /** token-store.ts listTokens: every token with its hash (the CLI, and the console's token page). */
    tokens: 'TOKENS',
    /** submission-store.ts listSubmissions: a mission's own. */
    submissionsOfState: 'SUBMISSIONS#STATE#*',
    /** counter-store.ts list: the numbering series. */
    series: 'SERIES',
    /**
     * subscription-store.ts listActiveSubscriptions (notify) and listAllSubscriptions (the console):
     * whole subscription items (projection ALL); the secrets are items of their own, never indexed.
     */
    activeSubscriptions: 'SUBSCRIPTIONS#active',
    /** search-index.ts search in symbol order `SEARCH#{facet}`. */
    searchFacetBySymbol: 'SEARCH#*',
  },
  gsi2: {
    /** submission-store.ts listSubmissions: officers' status filter. */
    submissionsOfStatus: 'SUBMISSIONS#STATUS#*',
    /** delivery-store.ts listDeliveries `DELIVERIES#{subscriptionId}`. */
    deliveries: 'DELIVERIES#*',
    /** subscription-store.ts listSubscriptionsOf `SUBSCRIPTIONS#STATE#{state}`, `SUBSCRIPTIONS#TOKEN#{id}`. */
    subscriptionsOfOwner: 'SUBSCRIPTIONS#*',
    /** document-store.ts followupsOf `FOLLOWUPS#{documentId}`: a document's follow-ups (the web page). */
    followups: 'FOLLOWUPS#*',
  },
  gsi3: {
    /** submission-store.ts listSubmissions: every submission. */
    submissions: 'SUBMISSIONS',
    /** search-index.ts search `SEARCH#{facet}`. */
    searchFacet: 'SEARCH#*',
  },
} as const satisfies Record<IndexName, Record<string, KeyPattern>>;

/** What a function's role may do: exactly what its code calls, nothing more (the stack grants only this). */
export interface FunctionAccess {
  /** Operations on the table itself (`Query` here is a Query of the base table's keys). */
  table: readonly TableOperation[];
  /**
   * The partitions its table operations may touch (a `dynamodb:LeadingKeys` condition on them all).
   * DescribeTable, which reads no item, is granted without it.
   */
  keys: readonly KeyPattern[];
  /**
   * Where given, the writes among `table` (PutItem, UpdateItem, DeleteItem, BatchWriteItem) reach only
   * these partitions, and the reads alone reach `keys`.
   */
  writeKeys?: readonly KeyPattern[];
  /**
   * The GSIs it queries (dynamodb:Query on each; writes reach the indexes through the table), each with
   * the index partitions it queries.
   */
  indexes: Partial<Record<IndexName, readonly KeyPattern[]>>;
  bucket: readonly BucketOperation[];
  /** Topics it publishes to. */
  publish: readonly TopicName[];
  /**
   * Queues it sends to (sqs:SendMessage, which also covers SendMessageBatch). Receiving, deleting and
   * ChangeMessageVisibility on a consumer's own queue come with its SQS event source (CONSUMERS).
   */
  send: readonly QueueName[];
}

const P = PARTITIONS;
const { gsi1, gsi2, gsi3 } = INDEX_PARTITIONS;

/** Each function's access, from the AWS calls its code makes (why, per function, in the comments). */
export const ACCESS: Record<FunctionName, FunctionAccess> = {
  // Every route (submissions, registration, documents, subscriptions, search, feed, health).
  api: {
    // Items by key, ranges of a document's items (Query), search entries when a distribute call
    // completes an issued document (BatchWrite), deleted subscriptions and idempotency keys;
    // DescribeTable for GET /v1/health.
    table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'DescribeTable'],
    // Every partition but the tokens (the authorizer reads those; the CLI writes them) and the delivery
    // records (listed on gsi2 only). Subscriptions and their secrets: create, read, delete.
    keys: [
      P.submission,
      P.idempotency,
      P.counter,
      P.agenda,
      P.document,
      P.symbol,
      P.job,
      P.registration,
      P.search,
      P.subscription,
      P.secret,
      P.audit,
    ],
    // gsi1: a mission's submissions, series, document search in symbol order; gsi2: submissions by
    // status, deliveries, an owner's subscriptions; gsi3: all submissions, document search and feed.
    indexes: {
      gsi1: [gsi1.submissionsOfState, gsi1.series, gsi1.searchFacetBySymbol],
      gsi2: [gsi2.submissionsOfStatus, gsi2.deliveries, gsi2.subscriptionsOfOwner],
      gsi3: [gsi3.submissions, gsi3.searchFacet],
    },
    // Annexes (Put, presigned PUT, Head, Get), the presigned GET of a PDF version, HeadBucket (health).
    bucket: ['GetObject', 'GetObjectVersion', 'PutObject', 'ListBucket'],
    // document.distributed, when a distribute call issues the document or finishes an unannounced issue.
    publish: ['documents'],
    // Render jobs: distribute, and a new version of a language a distribution waits for.
    send: ['render'],
  },
  // The public pages read a distributed document by symbol (its symbol item by GetItem, its partition
  // by Query, the distribution head by GetItem), its follow-ups on gsi2 and search pages on gsi3. The
  // signed-in pages read the session and its token (GetItem, on every request), a mission's
  // submissions (GetItem; gsi1) and the intake queue (gsi2 by status, gsi3 for every status), and
  // write their own sessions and failed sign-in counts (Put, Update, Delete). Everything else the
  // console does is the API's own domain calls:
  // - register and reject: the submission's status, the registration record, the counters (read
  //   for a forecast too), the symbol and job-number claims and the document; the agenda is read
  //   to check agenda items, and a PDF annex uploaded since the last look is checked (Head, with
  //   ListBucket so a PDF not uploaded yet is a 404, and Get);
  // - the document pages: a version (Update of the document), a distribution (its record and job
  //   records, render jobs on the queue; when everything is stored already, the flip and the steps
  //   after it: search entries by BatchWrite, the submission marked distributed, document.distributed
  //   published), a follow-up (registration claim, counters, names, the new document); the preview
  //   reads annex PDFs (GetObject) and stores nothing;
  // - the registries: tokens listed (gsi1), created (conditional Put) and revoked (Update); an
  //   agenda read and loaded; the series listed (gsi1), read and moved forward; every subscription
  //   listed (gsi1), one read with its deliveries (gsi2); never a signing secret;
  // - the submission form, as POST /v1/submissions: the submission (Put; Update when an annex's
  //   upload is asked for), its idempotency record (Put, Get, Update; Delete on failure), the GA
  //   agendas it lists items from; and the presigned PUT of an annex's PDF, which it signs and
  //   sends itself;
  // - the audit trail: recorded with each change, read for the console's pages.
  web: {
    table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'],
    keys: [
      P.symbol,
      P.job,
      P.document,
      P.token,
      P.submission,
      P.session,
      P.counter,
      P.registration,
      P.agenda,
      P.subscription,
      P.search,
      P.idempotency,
      P.audit,
    ],
    writeKeys: [
      P.session,
      P.submission,
      P.counter,
      P.registration,
      P.symbol,
      P.job,
      P.document,
      P.token,
      P.agenda,
      P.search,
      P.idempotency,
      P.audit,
    ],
    indexes: {
      gsi1: [gsi1.submissionsOfState, gsi1.tokens, gsi1.series, gsi1.activeSubscriptions],
      gsi2: [gsi2.submissionsOfStatus, gsi2.followups, gsi2.deliveries],
      gsi3: [gsi3.submissions, gsi3.searchFacet],
    },
    bucket: ['GetObject', 'ListBucket', 'PutObject'],
    publish: ['documents'],
    send: ['render'],
  },
  // One GetItem of the token by its id (token-store getToken); nothing else.
  authorizer: { table: ['GetItem'], keys: [P.token], indexes: {}, bucket: [], publish: [], send: [] },
  // Active subscriptions from gsi1 (no secrets there), a `pending` delivery record per match
  // (conditional Put), then one message per match on the deliveries queue.
  notify: {
    table: ['PutItem'],
    keys: [P.delivery],
    indexes: { gsi1: [gsi1.activeSubscriptions] },
    bucket: [],
    publish: [],
    send: ['deliveries'],
  },
  // The subscription, its secret and the delivery record by key (Get), the claim and the outcome
  // (Update); the retry delay is a ChangeMessageVisibility on its own queue, which its event source
  // grants.
  deliver: {
    table: ['GetItem', 'UpdateItem'],
    keys: [P.subscription, P.secret, P.delivery],
    indexes: {},
    bucket: [],
    publish: [],
    send: [],
  },
  // The document, its versions and distribution items (Query by key, Get), the PDF record (Put), the
  // flip and steps (Update), search entries (BatchWrite), the submission marked distributed (Update,
  // and Get when it already was), its job record (Update: started, heartbeat); annex PDFs (Get), the
  // PDF's Head (ListBucket so a missing one is a 404) and Put; publishes document.distributed when it
  // issues the last language. The heartbeat's ChangeMessageVisibility comes with its event source.
  render: {
    table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchWriteItem'],
    keys: [P.document, P.submission, P.search],
    indexes: {},
    bucket: ['GetObject', 'PutObject', 'ListBucket'],
    publish: ['documents'],
    send: [],
  },
};

/** Which function consumes which queue (an SQS event source in AWS, the local poller locally). */
export const CONSUMERS: Partial<Record<QueueName, FunctionName>> = {
  notifications: 'notify',
  deliveries: 'deliver',
  render: 'render',
};

/** The function that resolves callers for `auth: 'token'` routes, once it exists. */
export const AUTHORIZER: FunctionName | undefined = 'authorizer';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What the gateways need of a route; the routes themselves are declared in functions/http/routes.ts. */
export interface RouteDef {
  method: HttpMethod;
  /** API Gateway route path: `{name}` is one segment, `{proxy+}` the rest of the path. */
  path: string;
  fn: FunctionName;
  /** `none`: no authorizer at all (health, OpenAPI). `token`: the Lambda authorizer resolves the caller. */
  auth: 'none' | 'token';
}

/** Environment variables through which handlers find their resources (set by CDK, or by the local runtime). */
export const ENV = {
  table: 'TABLE_NAME',
  bucket: 'BUCKET_NAME',
  documentsTopic: 'DOCUMENTS_TOPIC_ARN',
  renderQueue: 'RENDER_QUEUE_URL',
  deliveriesQueue: 'DELIVERIES_QUEUE_URL',
  publicUrl: 'DISTR_PUBLIC_URL',
} as const;
