/**
 * Runs the `.docx` conversion (domain/docx/convert.ts) in a worker thread (worker-runner.ts), as
 * the PDF check runs: with a heap limit, terminated at a deadline, so a crafted file that costs
 * much CPU or memory is a refusal of that file, never a hung or crashed API function. mammoth keeps
 * nothing from one file to the next, so a worker that answered in time takes the next file (up to
 * REUSES of them, then a fresh one); one stopped at its deadline or its heap is never reused. A
 * worker is started ahead of need, so a conversion does not wait for mammoth to load. From the
 * sources the worker runs the TypeScript file; deployed, its own bundle.
 */
import type { DocxResult } from '../domain/docx/convert.ts';
import { workerEntry, workerRunner } from './worker-runner.ts';

/** The file name of the bundled worker, next to the bundled handler. */
export const DOCX_WORKER_BUNDLE = 'docx-worker.mjs';

/** Files one worker converts before it is replaced, so that no heap grows for ever. */
const REUSES = 100;

export type DocxConverter = (bytes: Uint8Array) => Promise<DocxResult>;

export interface DocxRunnerOptions {
  /** Time for one file from its handing over (a 10-page letter converts in well under a second). */
  deadlineMs?: number;
  /** The worker's V8 heap (old generation). */
  maxHeapMb?: number;
  /** Conversions at once; more wait their turn. */
  concurrency?: number;
  workerFile?: URL;
}

const defaultWorkerFile = (): URL => workerEntry(import.meta.url, DOCX_WORKER_BUNDLE, 'docx-worker.ts');

export function docxRunner(options: DocxRunnerOptions = {}): DocxConverter {
  const refuse = (problem: string): DocxResult => ({ ok: false, problems: [problem] });
  return workerRunner<DocxResult>({
    workerFile: options.workerFile ?? defaultWorkerFile(),
    name: '.docx',
    deadlineMs: () => options.deadlineMs ?? 10_000,
    maxHeapMb: options.maxHeapMb ?? 256,
    concurrency: options.concurrency ?? 2,
    reuses: REUSES,
    overTime: (_data, ms) =>
      refuse(`the file could not be converted within ${(ms / 1000).toFixed(1)} s; simplify it`),
    overMemory: (_data, mb) => refuse(`the file needs more than ${mb} MB of memory to convert`),
  });
}
