/**
 * The PDF check worker as the stack ships it: bundled on its own by the API function's build hook,
 * it runs with nothing else beside it (no node_modules, no sources) and answers.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PDF_CHECK_WORKER_BUNDLE, pdfCheckRunner } from '../functions/adapters/pdf-check-runner.ts';
import { PROJECT_ROOT } from '../functions/local/runtime-file.ts';
import { pdfCheckWorkerBuild } from '../infra/functions.ts';
import { honestPdf, sharedKidsBomb } from './support/hostile-pdfs.ts';

const outputDir = mkdtempSync(join(tmpdir(), 'distr-pdf-worker-'));
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

describe('the bundled PDF check worker', () => {
  it('is built by the stack and checks PDFs on its own', async () => {
    for (const command of pdfCheckWorkerBuild(PROJECT_ROOT, outputDir)) {
      execSync(command, { shell: '/bin/bash', stdio: 'ignore' });
    }
    const check = pdfCheckRunner({ workerFile: pathToFileURL(join(outputDir, PDF_CHECK_WORKER_BUNDLE)) });
    expect(await check(await honestPdf(2))).toMatchObject({ ok: true, pages: 2 });
    expect(await check(await sharedKidsBomb(20))).toMatchObject({ ok: false });
  });
});
