/**
 * The worker-thread entry of the PDF check: waits for one file's bytes, checks them and posts the
 * answer. Started by pdf-check-runner.ts, which holds the deadline and the heap limit, ahead of
 * need so that pdf-lib is loaded before a file arrives. Deployed, the stack bundles this file on
 * its own next to the API handler (PDF_CHECK_WORKER_BUNDLE).
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { checkPdf } from '../domain/pdf-check.ts';

// On Linux this lowers only this thread: when cores are short, requests are served first.
try {
  setPriority(10);
} catch {
  // Not permitted here; the check still runs, at the process's priority.
}

parentPort?.once('message', async (bytes: Uint8Array) => {
  parentPort?.postMessage(await checkPdf(bytes));
});
