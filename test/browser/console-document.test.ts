import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../functions/web/messages.ts';
import { seedDocument } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { browserStand, signInThroughForm } from '../support/web-browser.ts';

const stand = browserStand('console-document');
const { check, newContext } = stand;
let officer: string;

beforeAll(async () => {
  officer = await tokenFor(stand.distr, 'officer');
});

describe.each([
  ['en', 801],
  ['ar', 802],
] as const)('the console document pages in %s', (lang, number) => {
  it('shows the grid, takes a version, asks before a partial distribution, and follows it to public', async () => {
    const t = messages(lang);
    const c = t.consoleDocument;
    const doc = await seedDocument(stand.distr, {
      symbols: [`A/79/${number}`],
      jobNumber: `25-0${number}0`,
      versions: ['en', 'ar'],
    });
    const context = await newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const base = `${stand.distr.url}/${lang}/console/documents/${doc.symbol}`;
    await page.goto(base);
    await signInThroughForm(page, lang, officer);
    await page.waitForURL(base);

    const grid = page.getByRole('table', { name: c.grid });
    await expect.poll(() => grid.getByRole('row').count(), { timeout: 15_000 }).toBe(7);
    await check(page, 'grid', lang);

    // The French version: sent empty first, then filled.
    await page.getByRole('link', { name: c.addVersion.replace('{language}', c.languageNames.fr) }).click();
    await page.getByLabel(c.versionBody).fill('Le texte de la lettre.');
    await page.getByRole('button', { name: c.save }).click();
    expect(await page.locator('#f-title-error').textContent()).toBe(c.required);
    expect(await page.getByLabel(c.versionBody).inputValue()).toBe('Le texte de la lettre.');
    await check(page, 'version-form', lang);
    await page.getByLabel(c.versionTitle, { exact: true }).fill('Lettre datée du 2 juin 2025');
    await page.getByRole('button', { name: c.save }).click();
    await page.waitForURL(base);

    await page.getByRole('button', { name: c.distribute, exact: true }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
      .toBe(c.confirmHeading);
    for (const missing of ['zh', 'ru', 'es'] as const) {
      expect(await page.getByText(c.languageNames[missing], { exact: false }).count()).toBeGreaterThan(0);
    }
    await check(page, 'confirm', lang);
    await page.getByRole('button', { name: c.confirmSubmit }).click();
    await page.waitForURL(`${base}/progress`);
    // axe on a copy held still: the page itself reloads every two seconds while it waits.
    const still = await context.newPage();
    await still.route(`${base}/progress`, async (route) => {
      const answer = await route.fetch();
      const body = (await answer.text()).replace(/<meta http-equiv="refresh"[^>]*>/, '');
      await route.fulfill({ response: answer, body });
    });
    await still.goto(`${base}/progress`);
    await check(still, 'progress', lang);
    await still.close();
    // The page refreshes itself (no script runs here) until the document is public.
    await page.getByRole('link', { name: c.publicLink }).waitFor({ timeout: 60_000 });
    await check(page, 'public', lang);
    await page.getByRole('link', { name: c.publicLink }).click();
    await page.waitForURL(`${stand.distr.url}/${lang}/documents/${doc.symbol}`);
    await context.close();
  }, 120_000);
});
