/** The Lambda functions of FUNCTIONS, each with its log group, its grants and its queue if it consumes one. */
import { Duration } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DOCX_WORKER_BUNDLE } from '../functions/adapters/docx-runner.ts';
import { PDF_CHECK_WORKER_BUNDLE } from '../functions/adapters/pdf-check-runner.ts';
import {
  ACCESS,
  CONSUMERS,
  FUNCTIONS,
  type FunctionName,
  QUEUES,
  type QueueName,
} from '../functions/resources.ts';
import { acknowledgeFunctionFindings, grantAccess } from './access.ts';
import { pascal } from './ids.ts';
import type { Messaging } from './messaging.ts';
import type { Storage } from './storage.ts';

export interface FunctionsProps {
  readonly storage: Storage;
  readonly messaging: Messaging;
  /** The variables every function gets (resource names, the public URL). */
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
}

/** Adds the functions and their log groups to `scope` itself (see addStorage). */
export function addFunctions(scope: Construct, props: FunctionsProps): Record<FunctionName, NodejsFunction> {
  const { storage, messaging, environment } = props;
  const functions = {} as Record<FunctionName, NodejsFunction>;
  for (const [name, def] of Object.entries(FUNCTIONS) as [FunctionName, (typeof FUNCTIONS)[FunctionName]][]) {
    const fn = new NodejsFunction(scope, `${pascal(name)}Function`, {
      entry: def.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: def.memoryMb,
      timeout: Duration.seconds(def.timeoutSeconds),
      environment:
        isRenderer(def) || templatesOf(def)
          ? { ...environment, DISTR_TEMPLATES_DIR: RENDERER_TEMPLATES_DIR }
          : environment,
      logGroup: new LogGroup(scope, `${pascal(name)}Logs`, { retention: props.logRetention }),
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
        ...(templatesOf(def) ? { commandHooks: templateAssets(templatesOf(def) ?? []) } : {}),
        ...(CHECKS_PDFS.includes(name) ? { commandHooks: pdfCheckWorker } : {}),
      },
    });
    functions[name] = fn;
    grantAccess(fn, ACCESS[name], { ...storage, ...messaging });
    acknowledgeFunctionFindings(fn, ACCESS[name], storage.bucket);
  }

  for (const [queue, fn] of Object.entries(CONSUMERS) as [QueueName, FunctionName][]) {
    functions[fn].addEventSource(
      new SqsEventSource(messaging.queues[queue], {
        batchSize: QUEUES[queue].batchSize,
        reportBatchItemFailures: true,
      }),
    );
  }
  return functions;
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

/** The folders of `templates/` a function reads at run time (the web pages: strings, messages, CSS). */
const templatesOf = (def: (typeof FUNCTIONS)[FunctionName]): readonly string[] | undefined =>
  'templates' in def ? (def.templates as readonly string[]) : undefined;

/** Copies just those folders next to the handler, where DISTR_TEMPLATES_DIR points. */
const templateAssets = (folders: readonly string[]): ICommandHooks => ({
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) =>
    folders.flatMap((folder) => [
      `mkdir -p "${outputDir}/templates"`,
      `cp -R "${inputDir}/templates/${folder}" "${outputDir}/templates/${folder}"`,
    ]),
});

/** Functions that check uploaded PDF annexes, in a worker thread that needs its own bundle. */
const CHECKS_PDFS: readonly FunctionName[] = ['api'];

/**
 * The PDF check and the `.docx` conversion run in worker threads (functions/adapters/), and a
 * worker needs an entry file: this bundles one on its own, its libraries included, next to the
 * handler.
 */
const workerBuild =
  (entry: string, bundle: string) =>
  (inputDir: string, outputDir: string): string[] => [
    [
      `"${inputDir}/node_modules/.bin/esbuild"`,
      `"${inputDir}/${entry}"`,
      '--bundle --platform=node --format=esm --target=node24 --minify --main-fields=module,main',
      `--banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);"`,
      `--outfile="${outputDir}/${bundle}"`,
    ].join(' '),
  ];

export const pdfCheckWorkerBuild = workerBuild(
  'functions/adapters/pdf-check-worker.ts',
  PDF_CHECK_WORKER_BUNDLE,
);
export const docxWorkerBuild = workerBuild('functions/adapters/docx-worker.ts', DOCX_WORKER_BUNDLE);

const pdfCheckWorker: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir, outputDir) => [
    ...pdfCheckWorkerBuild(inputDir, outputDir),
    ...docxWorkerBuild(inputDir, outputDir),
  ],
};
