/**
 * Runs the PDF check (domain/pdf-check.ts) in a worker thread (worker-runner.ts), so that checking
 * an annex never blocks the event loop of the process that serves requests: a fresh worker per
 * check, with a heap limit, terminated at a deadline. A worker that runs out of time or memory is a
 * refusal of that PDF, not a failure of the service; a worker that cannot start is a failure.
 *
 * Deployed, the API handler is one esbuild bundle, and a worker needs a file of its own: the stack
 * bundles pdf-check-worker.ts as PDF_CHECK_WORKER_BUNDLE next to it (infra/distr-stack.ts). From
 * the sources (npm start, tests) the worker runs the TypeScript file directly. An eval'd worker
 * would need pdf-lib on disk, which the bundle does not ship.
 */
import { createHash } from 'node:crypto';
import type { PdfCheck } from '../domain/pdf-check.ts';
import { workerEntry, workerRunner } from './worker-runner.ts';

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

const defaultWorkerFile = (): URL =>
  workerEntry(import.meta.url, PDF_CHECK_WORKER_BUNDLE, 'pdf-check-worker.ts');

export function pdfCheckRunner(options: PdfCheckRunnerOptions = {}): PdfChecker {
  const refuse = (data: Uint8Array, error: string): PdfCheck => ({
    ok: false,
    error,
    bytes: data.byteLength,
    sha256: createHash('sha256').update(data).digest('hex'),
  });
  return workerRunner<PdfCheck>({
    workerFile: options.workerFile ?? defaultWorkerFile(),
    name: 'PDF check',
    deadlineMs: options.deadlineMs ?? ((bytes: number) => 5_000 + (bytes / 1_048_576) * 500),
    maxHeapMb: options.maxHeapMb ?? 256,
    concurrency: options.concurrency ?? 2,
    // Each check gets a fresh worker: nothing one file left in pdf-lib's caches reaches the next.
    reuses: 1,
    overTime: (data, ms) =>
      refuse(
        data,
        `the PDF could not be checked within ${(ms / 1000).toFixed(1)} s; simplify it or split it`,
      ),
    overMemory: (data, mb) => refuse(data, `the PDF needs more than ${mb} MB of memory to read`),
  });
}
