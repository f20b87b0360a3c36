/**
 * The new-submission form in a real browser (Debian's chromium, headless): a mission opens it from
 * the portal, lists the agenda items of GA 79, sends it empty and sees each problem next to its
 * field, fills in the design sample with a PDF annex, sees the file's upload progress reach 100 %
 * and lands on the submission, received. With JavaScript off the same post works. axe-core checks
 * the form (also with its problems shown) in English and Arabic, and each is screenshotted.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../functions/domain/languages.ts';
import type { StateCode } from '../../functions/domain/member-states.ts';
import { messages } from '../../functions/web/messages.ts';
import { client } from '../support/client.ts';
import { honestPdf } from '../support/hostile-pdfs.ts';
import { tokenFor } from '../support/tokens.ts';
import { browserStand, signInThroughForm } from '../support/web-browser.ts';
import { agenda79, sampleFormFields } from '../support/web-submit.ts';

const stand = browserStand('portal-submit');
const { check, newContext } = stand;
let pdf: Buffer;

beforeAll(async () => {
  const officer = client(stand.distr, await tokenFor(stand.distr, 'officer'));
  expect((await officer('PUT', '/v1/agendas/GA/79', agenda79())).status).toBe(200);
  pdf = Buffer.from(await honestPdf(2));
});

/** Opens the sign-in page and signs in as the State's mission, which lands on the portal. */
async function signIn(page: Page, lang: Lang, state: StateCode) {
  await page.goto(`${stand.distr.url}/${lang}/sign-in`);
  await signInThroughForm(page, lang, await tokenFor(stand.distr, 'mission', state));
  expect(new URL(page.url()).pathname).toBe(`/${lang}/portal`);
}

/** The design sample typed and ticked into the form, and a PDF as its second annex. */
async function fillSample(page: Page) {
  const fields = sampleFormFields();
  for (const [name, value] of fields) {
    if (['addressee', 'organ', 'agendaItem'].includes(name)) {
      await page.check(`input[name="${name}"][value="${value}"]`);
    } else if (name === 'kind') {
      await page.check(`input[name="kind"][value="${value}"]`);
    } else if (name === 'language') {
      await page.selectOption('#f-language', value);
    } else if (name !== 'session') {
      await page.locator(`[name="${name}"]`).fill(value.replaceAll('\r\n', '\n'));
    }
  }
  await page.locator('[name="annex-p1-heading"]').fill('Annex II to the identical letters');
  await page.setInputFiles('#f-annex-p1-file', {
    name: 'annex.pdf',
    mimeType: 'application/pdf',
    buffer: pdf,
  });
}

describe.each([
  ['en', 'SWE'],
  ['ar', 'EGY'],
] as const)('the new-submission form in %s', (lang, state) => {
  const t = messages(lang);

  it('shows problems by their fields, then sends the sample with its PDF, following the upload', async () => {
    const context = await newContext();
    const seen: number[] = [];
    // Every value the page's script gives a progress bar, across navigations.
    await context.exposeFunction('reportProgress', (value: number) => seen.push(value));
    await context.addInitScript(() => {
      const g = globalThis as unknown as {
        HTMLProgressElement: { prototype: object };
        reportProgress: (value: number) => void;
      };
      const own = Object.getOwnPropertyDescriptor(g.HTMLProgressElement.prototype, 'value');
      Object.defineProperty(g.HTMLProgressElement.prototype, 'value', {
        ...own,
        set(value: number) {
          own?.set?.call(this, value);
          g.reportProgress(Number(value));
        },
      });
    });
    const page = await context.newPage();
    await signIn(page, lang, state);
    await page.getByRole('link', { name: t.submit.link }).click();
    expect(new URL(page.url()).pathname).toBe(`/${lang}/portal/submissions/new`);
    await page.locator('#f-session').fill('79');
    await page.getByRole('button', { name: t.submit.showItems }).click();
    expect(new URL(page.url()).searchParams.get('session')).toBe('79');
    expect(await page.locator('input[name="agendaItem"]').count()).toBeGreaterThan(0);
    await check(page, 'form', lang);

    // Sent with nothing typed: the form again, each problem beside its field.
    await page.getByRole('button', { name: t.submit.send }).click();
    expect(await page.locator('#f-title-error').textContent()).toBe(t.submit.problems.required);
    expect(await page.locator('#f-addressee-error').textContent()).toBe(t.submit.problems.addressee);
    expect(await page.locator('#errors h2').textContent()).toBe(t.submit.errorsHeading);
    await check(page, 'errors', lang);

    // The preview frame follows the typing: a preview a moment after each pause (one made while the
    // form is half filled lists its problems), the draft's PDF once it is all typed. Typesetting
    // takes seconds, more on a busy machine.
    const previewed = page.waitForResponse(
      (r) => r.url().endsWith(`/${lang}/portal/preview`) && r.status() === 200,
      { timeout: 90_000 },
    );
    await fillSample(page);
    const preview = await previewed;
    expect(preview.headers()['content-type']).toBe('application/pdf');
    expect(await page.locator('#f-annex-p1-file-progress').isVisible()).toBe(true);
    await page.getByRole('button', { name: t.submit.send }).click();
    await page.waitForURL(/\/portal\/submissions\/[0-9a-f]+$/, { timeout: 60_000 });
    expect(seen).toContain(100);
    await expect(page.locator('.timeline').textContent()).resolves.toContain(t.status.received);
    await check(page, 'received', lang);
    await context.close();
  }, 240_000);

  it('sends the same form with JavaScript off', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, lang, state);
    await page.goto(`${stand.distr.url}/${lang}/portal/submissions/new?session=79`);
    await fillSample(page);
    // The Preview button opens the draft in the page's frame, without script.
    const [preview] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/${lang}/portal/preview`), { timeout: 90_000 }),
      page.getByRole('button', { name: t.submit.preview }).click(),
    ]);
    expect(preview.status()).toBe(200);
    expect(preview.frame().name()).toBe('preview');
    await page.getByRole('button', { name: t.submit.send }).click();
    expect(new URL(page.url()).pathname).toMatch(/\/portal\/submissions\/[0-9a-f]+$/);
    await expect(page.locator('.timeline').textContent()).resolves.toContain(t.status.received);
    await context.close();
  }, 120_000);
});
