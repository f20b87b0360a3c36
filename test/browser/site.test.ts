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
    await expect.poll(() => result.locator('.symbols').textContent()).toContain('A/79/923 S/2025/341');
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
