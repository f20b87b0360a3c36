/**
 * The worker-thread entry of the PDF check: waits for one file's bytes, checks them and posts the
 * answer. Started by pdf-check-runner.ts, which holds the deadline and the heap limit, ahead of
 * need so that pdf-lib is loaded before a file arrives. Deployed, the stack bundles this file on
 * its own next to the API handler (PDF_CHECK_WORKER_BUNDLE).
 */
import { parentPort } from 'node:worker_threads';
import { checkPdf } from '../domain/pdf-check.ts';

parentPort?.once('message', async (bytes: Uint8Array) => {
  parentPort?.postMessage(await checkPdf(bytes));
});
