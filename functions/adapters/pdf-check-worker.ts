/**
 * The worker-thread entry of the PDF check: says when it is ready (pdf-lib loaded), then checks the
 * one file it is given and posts the answer. Started by pdf-check-runner.ts, which holds the
 * deadline and the heap limit. Deployed, the stack bundles this file on its own next to the API
 * handler (PDF_CHECK_WORKER_BUNDLE).
 */
import { parentPort } from 'node:worker_threads';
import { checkPdf } from '../domain/pdf-check.ts';

parentPort?.once('message', async (bytes: Uint8Array) => {
  parentPort?.postMessage({ result: await checkPdf(bytes) });
});
parentPort?.postMessage({ ready: true });
