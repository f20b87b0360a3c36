/**
 * The public site in a real browser (Debian's chromium, headless), over the whole local service:
 * a document is distributed through the API, then found and read through the pages only, by symbol
 * and by agenda item, in English and in Arabic, with JavaScript off; its PDF is fetched through a
 * language link; axe-core checks every page visited; the search form is used with the keyboard
 * alone; screenshots of home, results and the document page are written in en, ar and zh.
 */

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../functions/domain/languages.ts';
import { messages } from '../../functions/web/messages.ts';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import { client, documentPath } from '../support/client.ts';
import { startTestDistr, type TestDistr } from '../support/distr.ts';
import { seedDocument } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { until } from '../support/wait.ts';

/** Words of the sample's title in each language the flows use. */
const WORDS: Partial<Record<Lang, string>> & Record<'en' | 'ar', string> = {
  en: 'Germany Permanent Representative',
  ar: 'الممثلة الدائمة',
};

let distr: TestDistr;
let browser: Browser;
/** Every page the flows visited, for axe to check afterwards. */
const visited = new Set<string>();

beforeAll(async () => {
  distr = await startTestDistr();
  const officer = client(distr, await tokenFor(distr, 'officer'));
  const document = await seedDocument(distr, {
    versions: ['ar', 'zh', 'en', 'fr', 'ru', 'es'],
  });
  const answer = await officer('POST', `${documentPath(document.symbol)}/distribute`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  await until(
    'the distribution',
    async () => (await client(distr)('GET', '/v1/documents/A/79/923')).status === 200,
    180_000,
  );
  // Registered, never distributed: the pages must not show it.
  await seedDocument(distr, { symbols: ['A/79/950', 'S/2025/450'], jobNumber: '25-09950' });
  // Follow-ups of it, as registration records them: an addendum distributed (in English only), a
  // corrigendum not, which its page must not reveal.
  const base = { id: document.id, symbol: document.symbol };
  const addendum = await seedDocument(distr, {
    symbols: ['A/79/923/Add.1', 'S/2025/341/Add.1'],
    jobNumber: '25-08591',
    edit: (doc) => Object.assign(doc, { base, followup: { type: 'addendum', n: 1 } }),
  });
  await seedDocument(distr, {
    symbols: ['A/79/923/Corr.1', 'S/2025/341/Corr.1'],
    jobNumber: '25-08592',
    edit: (doc) => Object.assign(doc, { base, followup: { type: 'corrigendum', n: 1 } }),
  });
  const partial = await officer('POST', `${documentPath(addendum.symbol)}/distribute`, {
    languages: ['en'],
    partial: true,
  });
  expect(partial.status, JSON.stringify(partial.body)).toBe(202);
  await until(
    'the addendum distributed',
    async () => (await client(distr)('GET', '/v1/documents/A/79/923/Add.1')).status === 200,
    120_000,
  );
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await distr?.dispose();
});

/** A context with the browser's language set (it sends Accept-Language from it). */
const contextFor = (acceptLanguage: string, javaScriptEnabled: boolean) =>
  browser.newContext({
    locale: acceptLanguage.split(',')[0],
    extraHTTPHeaders: { 'accept-language': acceptLanguage },
    javaScriptEnabled,
    viewport: { width: 1100, height: 900 },
  });

async function open(page: Page, path: string): Promise<number> {
  const response = await page.goto(`${distr.url}${path}`);
  visited.add(new URL(page.url()).pathname + new URL(page.url()).search);
  return response?.status() ?? 0;
}

async function submitted(page: Page, action: () => Promise<void>) {
  await Promise.all([page.waitForURL(/\/search\?/), action()]);
  visited.add(new URL(page.url()).pathname + new URL(page.url()).search);
}

describe.each([
  ['en', 'en-GB,en;q=0.9'],
  ['ar', 'ar-EG,ar;q=0.9,en;q=0.5'],
] as [Lang, string][])('the site in %s, with JavaScript off', (lang, locale) => {
  let context: BrowserContext;
  let page: Page;
  const t = messages(lang);
  beforeAll(async () => {
    context = await contextFor(locale, false);
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  it('opens in the browser language, right to left in Arabic', async () => {
    expect(await open(page, '/')).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/${lang}`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    const bar = await page.locator('nav.languages a').allTextContents();
    expect(bar.map((s) => s.trim()).join(' ')).toBe('عربي 中文 English Français Русский Español');
  });

  it('finds the document by symbol from the home page, and opens its page', async () => {
    await open(page, `/${lang}`);
    await page.getByLabel(t.form.symbol).fill('A/79/923');
    await submitted(page, () => page.getByRole('button', { name: t.form.submit }).click());
    const result = page.locator('li.result').first();
    await expect
      .poll(() => result.locator('.symbols').textContent(), { timeout: 30_000 })
      .toContain('A/79/923 S/2025/341');
    await Promise.all([page.waitForURL(/\/documents\//), result.locator('h3 a').click()]);
    visited.add(new URL(page.url()).pathname);
    expect(new URL(page.url()).pathname).toBe(`/${lang}/documents/A/79/923-S/2025/341`);
    const title = (await page.locator('h1').textContent()) ?? '';
    expect(title.length).toBeGreaterThan(10);
    if (lang === 'ar') expect(title).toMatch(/\p{Script=Arabic}/u);
  });

  it('finds it by session and agenda item on the search page', async () => {
    await open(page, `/${lang}/search`);
    await page.getByLabel(t.form.session).fill('79');
    await page.getByLabel(t.form.agendaItem).fill('51');
    await submitted(page, () => page.getByRole('button', { name: t.form.submit }).click());
    // Newest first: the addendum (same session and item), then the document itself.
    expect(await page.locator('li.result .symbols').allTextContents()).toEqual([
      'A/79/923/Add.1 S/2025/341/Add.1',
      'A/79/923 S/2025/341',
    ]);
    // The same search as a feed.
    const feed = await page.getByRole('link', { name: t.results.feed }).getAttribute('href');
    expect(feed).toBe('/v1/feeds/documents.atom?session=79&agendaItem=51');
  });

  it('finds it by truncated symbol and by words of its title in this language', async () => {
    await open(page, `/${lang}/search`);
    await page.getByLabel(t.form.symbol).fill('*/Add.1');
    await submitted(page, () => page.getByRole('button', { name: t.form.submit }).click());
    expect(await page.locator('li.result .symbols').allTextContents()).toEqual([
      'A/79/923/Add.1 S/2025/341/Add.1',
    ]);
    await open(page, `/${lang}/search?symbol=A%2F79%2F*&sort=symbol`);
    expect(await page.locator('li.result .symbols').allTextContents()).toEqual([
      'A/79/923 S/2025/341',
      'A/79/923/Add.1 S/2025/341/Add.1',
    ]);
    await open(page, `/${lang}/search`);
    await page.getByLabel(t.form.words).fill(WORDS[lang] ?? '');
    await page.getByLabel(t.form.wordsLang).selectOption(lang);
    await submitted(page, () => page.getByRole('button', { name: t.form.submit }).click());
    expect(await page.locator('li.result .symbols').allTextContents()).toContain('A/79/923 S/2025/341');
  });

  it('says what was searched when nothing matches', async () => {
    await open(page, `/${lang}/search?symbol=A%2F79%2F950`);
    const none = (await page.locator('p.none').textContent()) ?? '';
    expect(none).toContain('A/79/950');
    expect(none).toContain(t.form.symbol);
  });

  it('follows a language link of the document page to that PDF', async () => {
    await open(page, `/${lang}/documents/A/79/923`);
    const href = await page.locator('table a[hreflang="fr"]').getAttribute('href');
    expect(href).toBe(`${distr.url}/fr/A/79/923`);
    const pdf = await context.request.get(href ?? '');
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('links the document and its follow-ups both ways, and only the distributed ones', async () => {
    await open(page, `/${lang}/documents/A/79/923`);
    const related = await page
      .locator('main h3 + ul a')
      .evaluateAll((links) =>
        links.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href')),
      );
    expect(related).toEqual([`/${lang}/documents/A/79/923/Add.1-S/2025/341/Add.1`]);
    await Promise.all([page.waitForURL(/Add\.1/), page.locator('main h3 + ul a').first().click()]);
    visited.add(new URL(page.url()).pathname);
    expect(await page.locator('main h3 + ul a').first().getAttribute('href')).toBe(
      `/${lang}/documents/A/79/923-S/2025/341`,
    );
  });

  it('answers an undistributed symbol with the not-found page, in the UI language', async () => {
    expect(await open(page, `/${lang}/documents/A/79/950`)).toBe(404);
    expect(await page.locator('h1').textContent()).toBe(t.notFound.title);
    const unknown = await context.request.get(`${distr.url}/${lang}/documents/A/79/999`);
    const undistributed = await context.request.get(`${distr.url}/${lang}/documents/A/79/950`);
    expect(await undistributed.text()).toBe(await unknown.text());
  });
});

describe('the answers themselves (HTTP)', () => {
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${distr.url}${path}`, { redirect: 'manual', headers });

  it('sends / to the best of the six languages for Accept-Language, English otherwise', async () => {
    for (const [header, lang] of [
      ['ar-EG,ar;q=0.9', 'ar'],
      ['zh-TW,zh;q=0.9', 'zh'],
      ['de-DE,de;q=0.9,fr;q=0.5', 'fr'],
      ['ru;q=0.3,es;q=0.8', 'es'],
      ['de-DE', 'en'],
      ['*', 'en'],
      ['', 'en'],
    ]) {
      const answer = await get('/', header ? { 'accept-language': header } : {});
      expect(answer.status, header).toBe(302);
      expect(answer.headers.get('location'), header).toBe(`/${lang}`);
      expect(answer.headers.get('vary')).toBe('Accept-Language');
    }
  });

  it('redirects nowhere a parameter names', async () => {
    for (const path of [
      '/?lang=https://evil.example',
      '/?next=//evil.example',
      '//evil.example/',
      '/en/search?symbol=https://evil.example&cursor=//evil.example',
      '/en/documents/https:/evil.example',
    ]) {
      const answer = await get(path, { 'accept-language': 'https://evil.example' });
      const location = answer.headers.get('location');
      if (location !== null) expect(location, path).toMatch(/^\/(ar|zh|en|fr|ru|es)$/);
      else expect(answer.status, path).not.toBe(302);
    }
  });

  it('serves pages with a strict CSP, the security headers, and a short public cache', async () => {
    for (const path of [
      '/en',
      '/ar/search?symbol=A%2F79%2F923',
      '/zh/documents/A/79/923',
      '/fr/documents/A/79/999',
    ]) {
      const answer = await get(path);
      expect(answer.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      const csp = answer.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('cache-control'), path).toBe('public, max-age=60');
      // HTML and the stylesheet together stay light.
      expect((await answer.arrayBuffer()).byteLength).toBeLessThan(50 * 1024);
    }
  });

  it('serves the stylesheet under its content hash, immutable, and nothing under another name', async () => {
    const html = await (await get('/en')).text();
    const href = /<link rel="stylesheet" href="(\/assets\/site\.[0-9a-f]{12}\.css)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const css = await get(href ?? '');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/site.000000000000.css')).status).toBe(404);
  });

  it('keeps the persistent URL a redirect to the PDF, and the page under /documents/', async () => {
    const persistent = await get('/en/A/79/923');
    expect(persistent.status).toBe(302);
    expect(persistent.headers.get('location')).not.toContain('/en/documents/');
    const page = await get('/en/documents/A/79/923');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    // Any symbol of the joint document, with a hyphen or an en dash.
    for (const path of ['/en/documents/S/2025/341', '/en/documents/A/79/923–S/2025/341']) {
      expect((await get(encodeURI(path))).status, path).toBe(200);
    }
  });
});

describe('accessibility and the keyboard (JavaScript on, as axe needs it)', () => {
  it('finds no WCAG 2.1 A or AA violation on any page visited, in English and Arabic', async () => {
    const context = await contextFor('en', true);
    const page = await context.newPage();
    const paths = [
      ...visited,
      '/zh',
      '/en/documents/A/79/999',
      '/ar/documents/A/79/950',
      '/ar/search?session=abc',
    ];
    const found: Record<string, unknown> = {};
    for (const path of paths) {
      await page.goto(`${distr.url}${path}`);
      const violations = await axeViolations(page);
      if (violations.length > 0) found[path] = violations;
    }
    expect(paths.filter((p) => p.startsWith('/ar')).length).toBeGreaterThan(3);
    expect(found).toEqual({});
    await context.close();
  }, 120_000);

  it('shifts no layout as a page loads (cumulative layout shift 0), in English, Arabic and Chinese, on a slow link', async () => {
    const context = await contextFor('en', true);
    const page = await context.newPage();
    // HTML arriving a few kilobytes at a time: what a page that paints before it is whole shows as shifts.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: 4000,
      uploadThroughput: 100_000,
    });
    const shifts: Record<string, number> = {};
    for (const path of ['/en', '/ar/search?symbol=A%2F79%2F*', '/zh/documents/A/79/923']) {
      await page.goto(`${distr.url}${path}`, { waitUntil: 'load' });
      // The browser's own record of every shift since navigation (buffered), summed as CLS is.
      shifts[path] = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            const Observer = (
              globalThis as unknown as {
                PerformanceObserver: new (
                  callback: (list: { getEntries(): { value: number; hadRecentInput: boolean }[] }) => void,
                ) => { observe(options: object): void };
              }
            ).PerformanceObserver;
            new Observer((list) => {
              for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve(total), 300);
          }),
      );
    }
    expect(shifts).toEqual({ '/en': 0, '/ar/search?symbol=A%2F79%2F*': 0, '/zh/documents/A/79/923': 0 });
    await context.close();
  });

  it('can search with the keyboard alone: skip link first, then the fields, Enter submits', async () => {
    const context = await contextFor('en', true);
    const page = await context.newPage();
    await page.goto(`${distr.url}/en/search`);
    await page.keyboard.press('Tab');
    // What has the focus, read in the page (an element itself cannot leave it).
    const active = () =>
      page.evaluate(() => {
        const element = (
          globalThis as unknown as { document: { activeElement: { id: string; className: string } } }
        ).document.activeElement;
        return { id: element.id, className: element.className };
      });
    expect((await active()).className).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect((await active()).id).toBe('main');
    for (let i = 0; i < 20 && (await active()).id !== 'f-symbol'; i++) await page.keyboard.press('Tab');
    expect((await active()).id).toBe('f-symbol');
    await page.keyboard.type('A/79/923');
    await Promise.all([page.waitForURL(/symbol=A%2F79%2F923/), page.keyboard.press('Enter')]);
    expect(await page.locator('li.result .symbols').allTextContents()).toEqual([
      expect.stringContaining('A/79/923'),
    ]);
    // Focus is visible: the focused field has an outline.
    await page.locator('#f-symbol').focus();
    const outline = await page
      .locator('#f-symbol')
      .evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }
          ).getComputedStyle(el).outlineStyle,
      );
    expect(outline).toBe('solid');
    await context.close();
  });
});

describe('screenshots', () => {
  it.each(['en', 'ar', 'zh'] as Lang[])('of home, results and the document page in %s', async (lang) => {
    const context = await contextFor(lang, false);
    const page = await context.newPage();
    for (const [name, path] of [
      ['home', `/${lang}`],
      ['search', `/${lang}/search?organ=GA&session=79&agendaItem=51`],
      ['document', `/${lang}/documents/A/79/923`],
    ] as const) {
      expect(await open(page, path), path).toBe(200);
      await screenshot(page, `${name}-${lang}`);
    }
    await context.close();
  });
});
