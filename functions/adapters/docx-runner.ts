/**
 * Runs the `.docx` conversion (domain/docx/convert.ts) in a worker thread, as the PDF check runs
 * (pdf-check-runner.ts): with a heap limit, terminated at a deadline, so a crafted file that costs
 * much CPU or memory is a refusal of that file, never a hung or crashed API function. mammoth keeps
 * nothing from one file to the next, so a worker that answered in time takes the next file (up to
 * REUSES of them, then a fresh one); one stopped at its deadline or its heap is never reused. A
 * worker is started ahead of need, so a conversion does not wait for mammoth to load. From the
 * sources the worker runs the TypeScript file; deployed, its own bundle.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocxResult } from '../domain/docx/convert.ts';

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

const defaultWorkerFile = (): URL => {
  const bundled = new URL(`./${DOCX_WORKER_BUNDLE}`, import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('./docx-worker.ts', import.meta.url);
};

export function docxRunner(options: DocxRunnerOptions = {}): DocxConverter {
  const deadlineMs = options.deadlineMs ?? 10_000;
  const maxHeapMb = options.maxHeapMb ?? 256;
  const concurrency = options.concurrency ?? 2;
  const workerFile = options.workerFile ?? defaultWorkerFile();
  let running = 0;
  const waiting: Array<() => void> = [];

  const spawn = () => {
    const worker = new Worker(workerFile, {
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('The .docx worker did not start within 30 s.')),
        30_000,
      );
      timer.unref();
      worker.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`The .docx worker exited (code ${code}) while starting.`)),
      );
    });
    ready.catch(() => undefined);
    return { worker, ready, used: 0 };
  };
  let spare: ReturnType<typeof spawn> | undefined;
  /**
   * Only this runner's own listeners: a bare removeAllListeners() would take Node's hooks too, which
   * start the port when a 'message' listener is added, and a reused worker's answer would wait.
   */
  const quiet = (worker: Worker) => {
    for (const event of ['message', 'error', 'exit'] as const) worker.removeAllListeners(event);
  };

  const runOne = async (data: Uint8Array): Promise<DocxResult> => {
    const current = spare ?? spawn();
    const { worker, ready } = current;
    spare = undefined;
    worker.ref();
    try {
      await ready;
    } catch (error) {
      void worker.terminate();
      throw error;
    }
    quiet(worker);
    const refuse = (problem: string): DocxResult => ({ ok: false, problems: [problem] });
    return new Promise<DocxResult>((resolve, reject) => {
      let settled = false;
      const settle = (action: () => void, reuse = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        quiet(worker);
        current.used += 1;
        if (reuse && current.used < REUSES && !spare) {
          worker.unref();
          spare = current;
        } else {
          void worker.terminate();
          spare ??= spawn();
        }
        action();
      };
      const timer = setTimeout(
        () =>
          settle(() =>
            resolve(
              refuse(
                `the file could not be converted within ${(deadlineMs / 1000).toFixed(1)} s; simplify it`,
              ),
            ),
          ),
        deadlineMs,
      );
      worker.once('message', (message: { result: DocxResult }) =>
        settle(() => resolve(message.result), true),
      );
      worker.once('error', (error: NodeJS.ErrnoException) =>
        settle(() =>
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? resolve(refuse(`the file needs more than ${maxHeapMb} MB of memory to convert`))
            : reject(error),
        ),
      );
      worker.once('exit', (code) =>
        settle(() => reject(new Error(`The .docx worker stopped (exit code ${code}) without an answer.`))),
      );
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
