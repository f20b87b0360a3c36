/**
 * Costly work on one untrusted file, off the event loop that serves requests: in a worker thread
 * with a heap limit, terminated at a deadline, so a crafted file that takes too long or too much
 * memory is a refusal of that file, not a failure of the service; a worker that cannot start is a
 * failure. The PDF check (pdf-check-runner.ts) and the `.docx` conversion (docx-runner.ts) run so.
 *
 * A worker's entry file says when it is ready (its libraries loaded), then answers each file it is
 * posted with `{ result }`. One worker is started ahead of need, so a file does not wait for the
 * libraries to load. A worker takes `reuses` files if each was answered in time (1: a fresh worker
 * per file, so nothing one file left in a library's caches reaches the next); one stopped at its
 * deadline or its heap is never reused.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker's entry file, beside `base` (the caller's `import.meta.url`): the bundle where the build
 * put one (in a Lambda package), otherwise the TypeScript source (locally and in tests).
 */
export const workerEntry = (base: string, bundle: string, source: string): URL => {
  const bundled = new URL(`./${bundle}`, base);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL(`./${source}`, base);
};

export interface WorkerRunnerOptions<R> {
  /** The worker's entry file. */
  workerFile: URL;
  /** What the work is, for the errors of a worker that cannot start: `the PDF check`. */
  name: string;
  /** Time for one file from its handing over, by its size in bytes. */
  deadlineMs: (bytes: number) => number;
  /** The worker's V8 heap (old generation). */
  maxHeapMb: number;
  /** Files at once; more wait their turn (each holds a heap of its own). */
  concurrency: number;
  /** Files one worker takes before it is replaced. */
  reuses: number;
  /** The answer for a file over its deadline. */
  overTime: (data: Uint8Array, deadlineMs: number) => R;
  /** The answer for a file that needs more than the heap. */
  overMemory: (data: Uint8Array, maxHeapMb: number) => R;
}

/**
 * Only the runner's own listeners: a bare removeAllListeners() would take Node's hooks too, which
 * start the worker's port when a 'message' listener is added, and a reused worker's answer would
 * wait until it exits.
 */
const quiet = (worker: Worker) => {
  for (const event of ['message', 'error', 'exit'] as const) worker.removeAllListeners(event);
};

export function workerRunner<R>(options: WorkerRunnerOptions<R>): (data: Uint8Array) => Promise<R> {
  const { workerFile, name, maxHeapMb, concurrency, reuses } = options;
  let running = 0;
  const waiting: Array<() => void> = [];

  /** A worker and the moment it has loaded its libraries (a few hundred ms, more when busy). */
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
        () => reject(new Error(`The ${name} worker did not start within 30 s.`)),
        30_000,
      );
      timer.unref();
      worker.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`The ${name} worker exited (code ${code}) while starting.`)),
      );
    });
    // Handled where it is awaited; a spare that fails to start must not crash the process.
    ready.catch(() => undefined);
    return { worker, ready, used: 0 };
  };
  let spare: ReturnType<typeof spawn> | undefined;

  const runOne = async (data: Uint8Array): Promise<R> => {
    const deadlineMs = options.deadlineMs(data.byteLength);
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
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const settle = (action: () => void, answered = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        quiet(worker);
        current.used += 1;
        if (answered && current.used < reuses && !spare) {
          worker.unref();
          spare = current;
        } else {
          void worker.terminate();
          spare ??= spawn();
        }
        action();
      };
      // The deadline runs from the moment the file is handed over: it bounds the work on the file.
      const timer = setTimeout(() => settle(() => resolve(options.overTime(data, deadlineMs))), deadlineMs);
      worker.once('message', (message: { result: R }) => settle(() => resolve(message.result), true));
      worker.once('error', (error: NodeJS.ErrnoException) =>
        settle(() =>
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? resolve(options.overMemory(data, maxHeapMb))
            : reject(error),
        ),
      );
      worker.once('exit', (code) =>
        settle(() => reject(new Error(`The ${name} worker stopped (exit code ${code}) without an answer.`))),
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
