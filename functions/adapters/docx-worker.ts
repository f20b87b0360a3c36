/**
 * The worker-thread entry of the `.docx` conversion: says when it is ready (mammoth loaded), then
 * converts each file it is given, one at a time, and posts each answer. Started by docx-runner.ts, which holds
 * the deadline and the heap limit. Deployed, the stack bundles this file on its own next to the
 * API handler (DOCX_WORKER_BUNDLE).
 */
import { parentPort } from 'node:worker_threads';
import { convertDocx } from '../domain/docx/convert.ts';

parentPort?.on('message', async (bytes: Uint8Array) => {
  parentPort?.postMessage({ result: await convertDocx(bytes) });
});
parentPort?.postMessage({ ready: true });
