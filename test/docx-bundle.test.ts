/**
 * The .docx conversion worker as the stack ships it: bundled on its own by the API function's
 * build hook, it runs with nothing else beside it (no node_modules, no sources) and answers.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCX_WORKER_BUNDLE, docxRunner } from '../functions/adapters/docx-runner.ts';
import { PROJECT_ROOT } from '../functions/local/runtime-file.ts';
import { docxWorkerBuild } from '../infra/functions.ts';
import { LETTERS, letterDocx, tableDocx } from './support/docx.ts';

const outputDir = mkdtempSync(join(tmpdir(), 'distr-docx-worker-'));
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

describe('the bundled .docx worker', () => {
  it('is built by the stack and converts on its own', { timeout: 60_000 }, async () => {
    for (const command of docxWorkerBuild(PROJECT_ROOT, outputDir)) {
      execSync(command, { shell: '/bin/bash', stdio: 'ignore' });
    }
    const convert = docxRunner({ workerFile: pathToFileURL(join(outputDir, DOCX_WORKER_BUNDLE)) });
    const letter = await convert(await letterDocx('zh'));
    expect(letter.ok && letter.value.letter.title).toBe(LETTERS.zh.title);
    expect(await convert(await tableDocx())).toMatchObject({ ok: false });
  });
});
