/**
 * The console's registry pages in a real browser (Debian's chromium, headless), through the pages
 * only: an officer creates a mission token with the form, and that token signs another browser in
 * as that State's mission; the officer loads an agenda, confirms a series move and opens a
 * subscription. axe-core checks every page in English and Arabic, and each is screenshotted in both.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../functions/domain/languages.ts';
import { messages } from '../../functions/web/messages.ts';
import { client } from '../support/client.ts';
import { fixture } from '../support/fixtures.ts';
import { tokenFor } from '../support/tokens.ts';
import { browserStand, signInThroughForm } from '../support/web-browser.ts';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';

const stand = browserStand('console');
const { check } = stand;
let receiver: Receiver;
let officer: string;
let subscriptionId: string;

beforeAll(async () => {
  receiver = await startReceiver();
  officer = await tokenFor(stand.distr, 'officer');
  const subscriber = client(stand.distr, await tokenFor(stand.distr, 'subscriber'));
  const created = await subscriber('POST', '/v1/subscriptions', {
    url: receiver.url,
    filters: { organs: ['GA'], languages: ['ar', 'fr'] },
  });
  subscriptionId = created.body.id;
});

afterAll(async () => {
  await receiver?.close();
});

/** Opens the sign-in page and signs in with the token. */
async function signInAs(page: Page, lang: Lang, token: string) {
  await page.goto(`${stand.distr.url}/${lang}/sign-in`);
  await signInThroughForm(page, lang, token);
}

describe.each(['en', 'ar'] as const)('the console registries in %s', (lang) => {
  const all = messages(lang);
  const t = all.tokens;
  const r = all.registries;

  it('creates a mission token through the form, which then signs in as that mission', async () => {
    const context = await stand.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, lang, officer);
    await page
      .getByRole('navigation', { name: all.consoleNav.label })
      .getByRole('link', { name: all.consoleNav.tokens })
      .click();
    expect(new URL(page.url()).pathname).toBe(`/${lang}/console/tokens`);
    await check(page, 'tokens', lang);

    await page.getByLabel(t.role, { exact: true }).selectOption('mission');
    await page.getByLabel(t.state, { exact: true }).selectOption('');
    await page.getByRole('button', { name: t.submit }).click();
    expect(await page.locator('#f-state-error').textContent()).toBe(t.stateMissing);
    await check(page, 'tokens-invalid', lang);

    await page.getByLabel(t.state, { exact: true }).selectOption('JPN');
    await page.getByRole('button', { name: t.submit }).click();
    const token = (await page.locator('code.secret').textContent()) ?? '';
    expect(token).toMatch(/^distr_[0-9a-f]{16}_[0-9a-f]{64}$/);
    await check(page, 'token-created', lang);
    // A reload posts the form again: nothing new, and the token not shown.
    await page.reload();
    expect(await page.locator('code.secret').count()).toBe(0);
    expect(await page.locator('h1').textContent()).toBe(t.alreadyHeading);
    await context.close();

    const mission = await stand.browser.newContext();
    const missionPage = await mission.newPage();
    await signInAs(missionPage, lang, token);
    expect(new URL(missionPage.url()).pathname).toBe(`/${lang}/portal`);
    await expect(missionPage.locator('main').textContent()).resolves.toContain('JPN');
    await mission.close();
  }, 120_000);

  it('loads an agenda, confirms a series move, and shows a subscription with its deliveries', async () => {
    const context = await stand.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, lang, officer);
    await page.goto(`${stand.distr.url}/${lang}/console/agendas`);
    await check(page, 'agendas-form', lang);
    const form = page.locator('form[enctype="multipart/form-data"]');
    await form.getByLabel(r.session, { exact: true }).fill('79');
    await form.getByLabel(r.text, { exact: true }).fill('{"items": []}');
    await form.getByRole('button', { name: r.load }).click();
    expect(await page.locator('#f-text-error').count()).toBe(1);
    await check(page, 'agendas-invalid', lang);
    await form.getByLabel(r.text, { exact: true }).fill('');
    await form.getByLabel(r.file, { exact: true }).setInputFiles({
      name: 'agenda.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(fixture('agenda-GA-79.json'))),
    });
    await form.getByRole('button', { name: r.load }).click();
    expect(new URL(page.url()).search).toBe('?session=79');
    expect(await page.locator('table.agenda tbody tr').count()).toBeGreaterThan(0);
    await check(page, 'agendas', lang);

    await page.goto(`${stand.distr.url}/${lang}/console/series`);
    await check(page, 'series-before', lang);
    const other = page.locator('form[action$="/series/move"]').last();
    await other.getByLabel(r.series, { exact: true }).fill(lang === 'en' ? 'S/2025' : 'E/2025');
    await other.getByLabel(r.next, { exact: true }).fill('341');
    await other.getByRole('button', { name: r.move }).click();
    await check(page, 'series-confirm', lang);
    await page.getByRole('button', { name: r.confirm }).click();
    expect(new URL(page.url()).pathname).toBe(`/${lang}/console/series`);
    expect(await page.locator('table.series tbody tr').count()).toBeGreaterThan(0);
    await check(page, 'series', lang);

    await page.goto(`${stand.distr.url}/${lang}/console/subscriptions`);
    await check(page, 'subscriptions', lang);
    await page.locator(`a[href$="/subscriptions/${subscriptionId}"]`).click();
    expect(await page.locator('p.none').textContent()).toBe(r.noDeliveries);
    await check(page, 'subscription', lang);

    await page.goto(`${stand.distr.url}/${lang}/console`);
    await check(page, 'queue', lang);
    await context.close();
  }, 120_000);
});
