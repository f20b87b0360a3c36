/**
 * Runs the PDF check (domain/pdf-check.ts) in a worker thread, so that checking an annex never
 * blocks the event loop of the process that serves requests: a fresh worker per check, with a
 * heap limit, terminated at a deadline. A worker that runs out of time or memory is a refusal of
 * that PDF, not a failure of the service; a worker that cannot start is a failure.
 *
 * Deployed, the API handler is one esbuild bundle, and a worker needs a file of its own: the stack
 * bundles pdf-check-worker.ts as PDF_CHECK_WORKER_BUNDLE next to it (infra/distr-stack.ts). From
 * the sources (npm start, tests) the worker runs the TypeScript file directly. An eval'd worker
 * would need pdf-lib on disk, which the bundle does not ship.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PdfCheck } from '../domain/pdf-check.ts';

/** The file name of the bundled worker, next to the bundled handler. */
export const PDF_CHECK_WORKER_BUNDLE = 'pdf-check-worker.mjs';

export type PdfChecker = (bytes: Uint8Array) => Promise<PdfCheck>;

export interface PdfCheckRunnerOptions {
  /**
   * Time for one check, from the file's handing over: a base plus so much per MB, as parsing grows with
   * the file (a 5 MB annex of 1,000 pages took 2 s on a busy 2-core machine). Hostile files are
   * small, so they get little time; a 20 MB one gets 15 s, within the API's 29 s.
   */
  deadlineMs?: (bytes: number) => number;
  /** The worker's V8 heap (old generation); pdf-lib holds every object of the file. */
  maxHeapMb?: number;
  /** Checks at once; more wait their turn (each holds a heap of its own). */
  concurrency?: number;
  /** The worker's entry file; by default the bundle if there is one, else the source. */
  workerFile?: URL;
}

const defaultWorkerFile = (): URL => {
  const bundled = new URL(`./${PDF_CHECK_WORKER_BUNDLE}`, import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('./pdf-check-worker.ts', import.meta.url);
};

export function pdfCheckRunner(options: PdfCheckRunnerOptions = {}): PdfChecker {
  const deadlineFor = options.deadlineMs ?? ((bytes: number) => 5_000 + (bytes / 1_048_576) * 500);
  const maxHeapMb = options.maxHeapMb ?? 256;
  const concurrency = options.concurrency ?? 2;
  const workerFile = options.workerFile ?? defaultWorkerFile();
  let running = 0;
  const waiting: Array<() => void> = [];

  /** A worker and the moment it has loaded pdf-lib (which takes a few hundred ms, more when busy). */
  const spawn = () => {
    const worker = new Worker(workerFile, {
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    // A worker kept ready must not keep a finished process alive.
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('The PDF check worker did not start within 30 s.')),
        30_000,
      );
      timer.unref();
      worker.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`The PDF check worker exited (code ${code}) while starting.`)),
      );
    });
    // Handled where it is awaited; a spare that fails to start must not crash the process.
    ready.catch(() => undefined);
    return { worker, ready };
  };
  /** One worker started ahead of need, so a check does not wait for pdf-lib to load. */
  let spare: ReturnType<typeof spawn> | undefined;

  const runOne = async (data: Uint8Array): Promise<PdfCheck> => {
    const bytes = data.byteLength;
    const sha256 = createHash('sha256').update(data).digest('hex');
    const refuse = (error: string): PdfCheck => ({ ok: false, error, bytes, sha256 });
    const deadlineMs = deadlineFor(bytes);
    const { worker, ready } = spare ?? spawn();
    spare = undefined;
    worker.ref();
    try {
      await ready;
    } catch (error) {
      void worker.terminate();
      throw error;
    }
    worker.removeAllListeners();
    return new Promise<PdfCheck>((resolve, reject) => {
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.removeAllListeners();
        // Each check gets a fresh worker: nothing one file left in pdf-lib's caches reaches the next.
        void worker.terminate();
        spare ??= spawn();
        action();
      };
      // The deadline runs from the moment the file is handed over: it bounds the work on the file.
      const timer = setTimeout(
        () =>
          settle(() =>
            resolve(
              refuse(
                `the PDF could not be checked within ${(deadlineMs / 1000).toFixed(1)} s; simplify it or split it`,
              ),
            ),
          ),
        deadlineMs,
      );
      worker.once('message', (message: { result: PdfCheck }) => settle(() => resolve(message.result)));
      worker.once('error', (error: NodeJS.ErrnoException) =>
        settle(() =>
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? resolve(refuse(`the PDF needs more than ${maxHeapMb} MB of memory to read`))
            : reject(error),
        ),
      );
      worker.once('exit', (code) =>
        settle(() =>
          reject(new Error(`The PDF check worker stopped (exit code ${code}) without an answer.`)),
        ),
      );
      // A copy travels to the worker, so the caller keeps its bytes (it stores them afterwards).
      const copy = new Uint8Array(data);
      worker.postMessage(copy, [copy.buffer]);
    });
  };

  return async (data) => {
    if (running >= concurrency) await new Promise<void>((go) => waiting.push(go));
    running += 1;
    try {
      return await runOne(data);
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
