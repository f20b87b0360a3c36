/**
 * Web pages benchmark: the design sample distributed on the local stand-ins, then each kind of page
 * asked for over HTTP (local gateway → web handler → DynamoDB stand-in → render), warm; and the
 * server-side render alone (the templates, from metadata already read). Also the weight of each
 * page: its HTML plus the stylesheet (the pages have no script).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentMetadata } from '../functions/domain/public-document.ts';
import { addVersions, prepare, submitAndRegister } from '../functions/local/demo.ts';
import { startDistr } from '../functions/local/runtime.ts';
import { documentPage, homePage, type PageContext, searchPage } from '../functions/web/pages.ts';

export const title = 'Web pages: warm server-side render and page weight (local)';

const RUNS = 30;
const RENDER_TARGET_MS = 30;
const WEIGHT_TARGET_BYTES = 60 * 1024;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
};

async function timed(what: () => Promise<unknown> | unknown): Promise<number[]> {
  for (let i = 0; i < 5; i++) await what();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await what();
    times.push(performance.now() - started);
  }
  return times;
}

export const run = async (): Promise<string[]> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'distr-bench-web-'));
  const distr = await startDistr({ port: 0, dataDir });
  const lines: string[] = [];
  let setup: Awaited<ReturnType<typeof prepare>> | undefined;
  try {
    setup = await prepare(distr);
    const symbol = await submitAndRegister(setup);
    await addVersions(setup, symbol);
    await setup.officer('POST', `/v1/documents/${symbol}/distribute`);
    await setup.receiver.delivery(0);
    const pages = {
      'home (ar)': '/ar',
      'search by agenda item (en)': '/en/search?organ=GA&session=79&agendaItem=51',
      'document (zh)': '/zh/documents/A/79/923',
      'document (ar)': '/ar/documents/A/79/923-S/2025/341',
    };
    let worstRender = 0;
    let heaviest = 0;
    const css = await (await fetch(`${distr.url}/ar`)).text().then(async (html) => {
      const href = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1] ?? '';
      return (await fetch(`${distr.url}${href}`)).arrayBuffer();
    });
    lines.push('| page | HTTP median | HTTP p95 | HTML + CSS |', '|---|---|---|---|');
    for (const [name, path] of Object.entries(pages)) {
      let bytes = 0;
      const times = await timed(async () => {
        const response = await fetch(`${distr.url}${path}`);
        bytes = (await response.arrayBuffer()).byteLength;
      });
      const weight = bytes + css.byteLength;
      heaviest = Math.max(heaviest, weight);
      lines.push(
        `| ${name} | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 95).toFixed(1)} ms | ${(weight / 1024).toFixed(1)} KB |`,
      );
    }
    // The render alone: the same templates over the metadata the handler reads.
    const { body } = await setup.subscriber<{ items: DocumentMetadata[] }>('GET', '/v1/documents?limit=20');
    const items = body.items;
    const metadata = items[0];
    if (!metadata) throw new Error('bench: nothing distributed');
    const ctx = (lang: 'ar' | 'zh' | 'en'): PageContext => ({
      lang,
      stylesheet: '/assets/site.css',
      hrefIn: (l) => `/${l}`,
      publicUrl: distr.url,
    });
    const renders = {
      'home (ar)': () => homePage(ctx('ar'), items),
      'search (en)': () =>
        searchPage(ctx('en'), {
          values: { session: '79' },
          invalid: [],
          results: { items, feed: '/v1/feeds' },
        }),
      'document (zh)': () => documentPage(ctx('zh'), { metadata, followups: [] }),
    };
    lines.push('', '| render only | median | p95 |', '|---|---|---|');
    for (const [name, render] of Object.entries(renders)) {
      const times = await timed(render);
      worstRender = Math.max(worstRender, percentile(times, 50));
      lines.push(
        `| ${name} | ${percentile(times, 50).toFixed(2)} ms | ${percentile(times, 95).toFixed(2)} ms |`,
      );
    }
    lines.push(
      '',
      `target: render ≤ ${RENDER_TARGET_MS} ms warm (worst median ${worstRender.toFixed(2)} ms): ${worstRender <= RENDER_TARGET_MS ? 'ok' : 'MISSED'}`,
      `target: HTML + CSS ≤ ${WEIGHT_TARGET_BYTES / 1024} KB (heaviest ${(heaviest / 1024).toFixed(1)} KB): ${heaviest <= WEIGHT_TARGET_BYTES ? 'ok' : 'MISSED'}`,
    );
  } finally {
    await setup?.receiver.close();
    await distr.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
};
