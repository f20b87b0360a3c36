/**
 * Runs the whole service in one process on loopback: the AWS stand-ins, the resources from
 * functions/resources.ts, the deployed handlers behind a local API Gateway, and the queue pollers.
 * Used by `npm start`, by the integration tests and by the demo.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { createAwsClients } from '../adapters/aws-clients.ts';
import { ALLOW_LOOPBACK_ENV } from '../config.ts';
import { ROUTES } from '../http/routes.ts';
import { AUTHORIZER, CONSUMERS, ENV, FUNCTIONS, type FunctionName, QUEUES } from '../resources.ts';
import {
  type ApiGatewayOptions,
  type AuthorizerHandler,
  answerStartingUp,
  createApiGateway,
  type HttpHandler,
} from './api-gateway.ts';
import { provision } from './provision.ts';
import {
  defaultDataDir,
  ownStartTime,
  PROJECT_ROOT,
  type RuntimeFile,
  readRuntimeFile,
  runtimeFile,
} from './runtime-file.ts';
import { type SqsHandler, startSqsPoller } from './sqs-poller.ts';
import { type DynamoBackend, startStandIns } from './stand-ins.ts';

export { PROJECT_ROOT, type RuntimeFile, readRuntimeFile } from './runtime-file.ts';

export interface RuntimeOptions {
  /** HTTP port; 0 picks a free one. */
  port?: number;
  dataDir?: string;
  dynamodb?: DynamoBackend;
  /**
   * An already running DynamoDB to use instead of starting one; the table is then named after the
   * data directory, so several instances can share it and a restart finds its own table again.
   */
  dynamodbEndpoint?: string;
  /** Base of the public URLs printed in QR codes and links; defaults to this server's URL. */
  publicUrl?: string;
  onError?: (error: unknown) => void;
  /** Checks every answer of the API against its route's contract (see api-gateway.ts). */
  checkResponse?: ApiGatewayOptions['checkResponse'];
}

export interface Runtime {
  url: string;
  dataDir: string;
  /** The environment the handlers were built with (endpoints, resource names). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {}

/** Data directories served by this process (the runtime file's pid cannot tell two of ours apart). */
const activeDataDirs = new Set<string>();

type HandlerModule = { createHandler(env: NodeJS.ProcessEnv): unknown };

async function loadHandler(name: FunctionName, env: NodeJS.ProcessEnv) {
  const module = (await import(join(PROJECT_ROOT, FUNCTIONS[name].entry))) as HandlerModule;
  return module.createHandler(env);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(`Port ${port} is already in use (set PORT to use another).`)
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

/** Receive loops for a queue's consumer: Lambda scales out by itself, the local poller is told. */
const localConcurrency = (def: (typeof QUEUES)[keyof typeof QUEUES]): number =>
  'localConcurrency' in def ? def.localConcurrency : 1;

export async function startDistr(options: RuntimeOptions = {}): Promise<Runtime> {
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  const running = readRuntimeFile(dataDir);
  if (running && (running.pid !== process.pid || activeDataDirs.has(dataDir))) {
    throw new Error(`Distr is already running on ${dataDir} (pid ${running.pid}, ${running.url}).`);
  }

  // The SDK needs a region and credentials; the stand-ins accept any.
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

  // Undo steps, run last-first by stop() or when start-up fails half way.
  const cleanup: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    while (cleanup.length > 0) await cleanup.pop()?.();
  };
  activeDataDirs.add(dataDir);
  cleanup.push(() => {
    activeDataDirs.delete(dataDir);
  });

  try {
    // The port first: a taken port should fail at once, before any stand-in starts. Requests that
    // arrive while the rest starts are answered 503 with Retry-After, never left waiting.
    let serve: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
    const server = createServer((req, res) => (serve ?? answerStartingUp)(req, res));
    const port = await listen(server, options.port ?? 3000);
    cleanup.push(() => new Promise<void>((done) => server.close(() => done())));
    const url = `http://127.0.0.1:${port}`;

    const standIns = await startStandIns({
      dataDir,
      dynamodb: options.dynamodb,
      dynamodbEndpoint: options.dynamodbEndpoint,
    });
    cleanup.push(() => standIns.stop());

    const endpoints: Record<string, string> = {
      AWS_REGION: process.env.AWS_REGION,
      AWS_ENDPOINT_URL_DYNAMODB: standIns.dynamodbEndpoint,
      AWS_ENDPOINT_URL_S3: standIns.awsEndpoint,
      AWS_ENDPOINT_URL_SNS: standIns.awsEndpoint,
      AWS_ENDPOINT_URL_SQS: standIns.awsEndpoint,
    };
    const clients = createAwsClients(endpoints);
    const tableName = options.dynamodbEndpoint
      ? `distr-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`
      : undefined;
    const provisioned = await provision(clients, { tableName });
    const env: Record<string, string> = {
      ...endpoints,
      ...provisioned.env,
      [ENV.publicUrl]: options.publicUrl ?? process.env[ENV.publicUrl] ?? url,
    };
    // Webhook receivers on this machine (http on loopback), unless the caller's environment says
    // otherwise; deployed functions never have the flag.
    const handlerEnv = { [ALLOW_LOOPBACK_ENV]: '1', ...process.env, ...env };

    const handlers: Record<string, HttpHandler> = {};
    for (const name of new Set(ROUTES.map((r) => r.fn))) {
      handlers[name] = (await loadHandler(name, handlerEnv)) as HttpHandler;
    }
    const authorizer = AUTHORIZER
      ? ((await loadHandler(AUTHORIZER, handlerEnv)) as AuthorizerHandler)
      : undefined;
    const gateway = createApiGateway({
      routes: ROUTES,
      handlers,
      authorizer,
      ...(options.checkResponse ? { checkResponse: options.checkResponse } : {}),
    });
    serve = (req, res) => {
      gateway(req, res).catch((error) => {
        options.onError?.(error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Internal Server Error' }));
      });
    };

    for (const [queue, fn] of Object.entries(CONSUMERS) as [keyof typeof QUEUES, FunctionName][]) {
      const poller = startSqsPoller({
        sqs: clients.sqs,
        queueUrl: provisioned.queueUrls[queue],
        handler: (await loadHandler(fn, handlerEnv)) as SqsHandler,
        functionName: fn,
        batchSize: QUEUES[queue].batchSize,
        concurrency: localConcurrency(QUEUES[queue]),
        onError: options.onError,
      });
      cleanup.push(() => poller.stop());
    }

    const started = ownStartTime();
    const file: RuntimeFile = { pid: process.pid, ...(started ? { started } : {}), url, env };
    writeFileSync(runtimeFile(dataDir), `${JSON.stringify(file, null, 2)}\n`);
    cleanup.push(() => {
      if (existsSync(runtimeFile(dataDir))) rmSync(runtimeFile(dataDir));
    });

    return { url, dataDir, env, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
