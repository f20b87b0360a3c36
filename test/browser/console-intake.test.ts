import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../functions/web/messages.ts';
import { client } from '../support/client.ts';
import { fixture, sampleSubmission } from '../support/fixtures.ts';
import { seedSubmission } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { browserStand, signInThroughForm } from '../support/web-browser.ts';

const stand = browserStand('console-intake');
const { check, checked, newContext } = stand;
let officer: string;

beforeAll(async () => {
  officer = await tokenFor(stand.distr, 'officer');
  const api = client(stand.distr, officer);
  expect((await api('PUT', '/v1/agendas/GA/79', fixture('agenda-GA-79.json'))).status).toBe(200);
});

describe.each(['en', 'ar'] as const)('the intake in %s', (lang) => {
  const t = messages(lang);

  it('filters the queue, registers a submission through the confirmation, and rejects another', async () => {
    const scOnly = await seedSubmission(stand.distr, {
      ...sampleSubmission(),
      circulation: [{ organ: 'SC' }],
    });
    const other = await seedSubmission(stand.distr);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${stand.distr.url}/${lang}/console`);
    await signInThroughForm(page, lang, officer);
    expect(new URL(page.url()).pathname).toBe(`/${lang}/console`);
    await check(page, 'queue', lang);

    // Only the GA ones: the SC-only submission is filtered out.
    await page.getByLabel(t.intake.organ).selectOption('GA');
    await page.getByRole('button', { name: t.intake.apply }).click();
    expect(new URL(page.url()).searchParams.get('organ')).toBe('GA');
    const links = await page
      .locator('table.submissions tbody a')
      .evaluateAll((as) => as.map((a) => (a as unknown as { pathname: string }).pathname));
    expect(links).toContain(`/${lang}/console/submissions/${other}`);
    expect(links).not.toContain(`/${lang}/console/submissions/${scOnly}`);
    await check(page, 'queue-filtered', lang);

    // A filter that cannot mean anything: the form again, the field marked.
    await page.goto(`${stand.distr.url}/${lang}/console?session=abc`);
    expect(await page.locator('#f-session-error').textContent()).toBe(t.intake.invalidSession);
    await check(page, 'queue-invalid', lang);

    await page.goto(`${stand.distr.url}/${lang}/console/submissions/${other}`);
    await check(page, 'submission', lang);
    await page.getByRole('link', { name: t.intake.registerLink }).click();
    expect(new URL(page.url()).pathname).toBe(`/${lang}/console/submissions/${other}/register`);
    const forecast = await page.locator('dl.forecast dd').first().textContent();
    expect(await page.locator('.notice').textContent()).toBe(t.intake.forecast);
    await check(page, 'register', lang);
    await page.getByRole('button', { name: t.intake.confirm, exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(`/${lang}/console/submissions/${other}`);
    expect(await page.locator('dl.facts dd').nth(1).textContent()).toBe(forecast);
    await expect(page.locator('.timeline').textContent()).resolves.toContain(t.status.registered);
    await check(page, 'registered', lang);

    // Rejecting the SC one: first without a reason, then with one.
    await page.goto(`${stand.distr.url}/${lang}/console/submissions/${scOnly}`);
    await page.getByRole('button', { name: t.intake.rejectSubmit }).evaluate((button) => {
      // The browser's own check of `required` is lifted, to see the server's answer.
      (button as unknown as { form: { noValidate: boolean } }).form.noValidate = true;
    });
    await page.getByRole('button', { name: t.intake.rejectSubmit }).click();
    expect(await page.locator('#f-reason-error').textContent()).toBe(t.intake.reasonMissing);
    await check(page, 'reject-invalid', lang);
    await page.getByLabel(t.intake.reason).fill('Sent twice');
    await page.getByRole('button', { name: t.intake.rejectSubmit }).click();
    expect(new URL(page.url()).pathname).toBe(`/${lang}/console/submissions/${scOnly}`);
    await expect(page.locator('.timeline').textContent()).resolves.toContain('Sent twice');
    await check(page, 'rejected', lang);
    await context.close();
  }, 90_000);
});

describe('the intake pages', () => {
  it('were each checked in both languages', () => {
    const names = [
      'queue',
      'queue-filtered',
      'queue-invalid',
      'submission',
      'register',
      'registered',
      'reject-invalid',
      'rejected',
    ];
    expect([...checked].sort()).toEqual(names.flatMap((n) => [`${n}-ar`, `${n}-en`]).sort());
  });
});
