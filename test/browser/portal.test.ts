/**
 * Signing in and the mission portal in a real browser (Debian's chromium, headless), through the
 * pages only: a signed-out visitor is sent to sign in and back; a mission signs in with its token,
 * sees its State's submission and opens it; another State's mission gets the not-found page for it
 * and any mission the 403 page of the console; a form posted from another site is refused; revoking
 * the token ends the session, and so does signing out. The token is never readable by the page.
 * axe-core checks every page in English and Arabic, and each is screenshotted in both.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueToken, revokeToken } from '../../functions/adapters/token-store.ts';
import { messages } from '../../functions/web/messages.ts';
import { seedSubmission, table } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { browserStand, signInThroughForm } from '../support/web-browser.ts';

const stand = browserStand('portal');
const { check, checked, newContext } = stand;
let submissionId: string;
let germany: string;
let france: string;
let officer: string;

beforeAll(async () => {
  submissionId = await seedSubmission(stand.distr);
  germany = await tokenFor(stand.distr, 'mission', 'DEU');
  france = await tokenFor(stand.distr, 'mission', 'FRA');
  officer = await tokenFor(stand.distr, 'officer');
});

/** Nothing the page's script can read holds the token or the session. */
async function expectNothingReadable(page: Page, context: BrowserContext, token: string) {
  const readable = await page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { cookie: string; documentElement: { outerHTML: string } };
      localStorage: { length: number };
      sessionStorage: { length: number };
    };
    return {
      cookie: g.document.cookie,
      html: g.document.documentElement.outerHTML,
      local: g.localStorage.length,
      session: g.sessionStorage.length,
    };
  });
  expect(readable.cookie).toBe('');
  expect(readable.html).not.toContain(token);
  expect(readable.local).toBe(0);
  expect(readable.session).toBe(0);
  const cookies = await context.cookies();
  expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['distr_session', true, 'Strict']]);
  expect(cookies[0]?.value).not.toContain(token);
}

describe.each(['en', 'ar'] as const)('the portal in %s', (lang) => {
  const t = messages(lang);

  it('sends a signed-out visitor to sign in and back, then shows and opens the submission', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const wanted = `/${lang}/portal/submissions/${submissionId}`;
    await page.goto(`${stand.distr.url}${wanted}`);
    expect(new URL(page.url()).pathname).toBe(`/${lang}/sign-in`);
    expect(new URL(page.url()).searchParams.get('return')).toBe(wanted);
    await check(page, 'sign-in', lang);

    // A wrong token: the form again, saying so next to the field.
    await signInThroughForm(page, lang, 'distr_0000000000000000_wrong');
    expect(await page.locator('#token-error').textContent()).toBe(t.signIn.invalid);
    await check(page, 'sign-in-invalid', lang);

    await signInThroughForm(page, lang, germany);
    expect(new URL(page.url()).pathname).toBe(wanted);
    await expect(page.locator('h1').textContent()).resolves.toContain('Permanent Representative');
    expect(await page.locator('.timeline li').count()).toBe(1);
    await expect(page.locator('.timeline').textContent()).resolves.toContain(t.status.received);
    await check(page, 'submission', lang);
    await expectNothingReadable(page, context, germany);

    const answer = await page.goto(`${stand.distr.url}/${lang}/portal`);
    expect(answer?.headers()['cache-control']).toBe('no-store');
    const rows = page.locator('table.submissions tbody tr');
    expect(await rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain(t.status.received);
    await check(page, 'portal', lang);

    // Filtered by a status it has none of.
    await page.getByLabel(t.portal.filter).selectOption('distributed');
    await page.getByRole('button', { name: t.portal.apply }).click();
    expect(await page.locator('p.none').textContent()).toBe(t.portal.none);

    // The console is not a mission's.
    const console = await page.goto(`${stand.distr.url}/${lang}/console`);
    expect(console?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe(t.forbidden.title);
    await check(page, 'forbidden', lang);

    // Signing out ends the session: the portal asks to sign in again.
    await page.goto(`${stand.distr.url}/${lang}/portal`);
    await page.getByRole('button', { name: t.account.signOut }).click();
    expect(new URL(page.url()).pathname).toBe(`/${lang}/sign-in`);
    expect(await page.locator('.notice').textContent()).toBe(t.signIn.signedOut);
    await check(page, 'signed-out', lang);
    await page.goto(`${stand.distr.url}/${lang}/portal`);
    expect(new URL(page.url()).pathname).toBe(`/${lang}/sign-in`);
    await context.close();
  }, 60_000);

  it('shows an officer the intake queue, oldest first', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${stand.distr.url}/${lang}/console`);
    expect(new URL(page.url()).pathname).toBe(`/${lang}/sign-in`);
    await signInThroughForm(page, lang, officer);
    expect(new URL(page.url()).pathname).toBe(`/${lang}/console`);
    expect(await page.locator('h1').textContent()).toBe(t.console.heading);
    const rows = page.locator('table.submissions tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    await expect(rows.first().textContent()).resolves.toContain('DEU');
    await check(page, 'console', lang);
    // The portal is a mission's.
    expect((await page.goto(`${stand.distr.url}/${lang}/portal`))?.status()).toBe(403);
    await context.close();
  }, 60_000);

  it("shows another State's mission the not-found page for the submission", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${stand.distr.url}/${lang}/sign-in`);
    await signInThroughForm(page, lang, france);
    expect(new URL(page.url()).pathname).toBe(`/${lang}/portal`);
    expect(await page.locator('p.none').textContent()).toBe(t.portal.none);
    const answer = await page.goto(`${stand.distr.url}/${lang}/portal/submissions/${submissionId}`);
    expect(answer?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe(t.notFound.title);
    await check(page, 'not-found', lang);
    await context.close();
  }, 60_000);
});

describe('the session', () => {
  it('refuses a form posted from another site with the 403 page', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${stand.distr.url}/en/sign-in`);
    await signInThroughForm(page, 'en', germany);
    // A page of another origin whose form posts to the sign-out (and one to sign in).
    await page.route('http://elsewhere.test/', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><title>x</title>
          <form method="post" action="${stand.distr.url}/en/sign-out"><button>out</button></form>
          <form method="post" action="${stand.distr.url}/en/sign-in"><input name="token" value="${germany}"><button>in</button></form>`,
      }),
    );
    for (const button of ['out', 'in']) {
      await page.goto('http://elsewhere.test/');
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().startsWith(stand.distr.url)),
        page.getByRole('button', { name: button }).click(),
      ]);
      expect(answer.status(), button).toBe(403);
      expect(await page.locator('main p').first().textContent()).toBe(messages('en').forbidden.crossOrigin);
    }
    // The session is still there: the sign-out was not performed.
    await page.goto(`${stand.distr.url}/en/portal`);
    expect(new URL(page.url()).pathname).toBe('/en/portal');
    await context.close();
  }, 60_000);

  it('ends when its token is revoked', async () => {
    const store = table(stand.distr);
    const issued = await issueToken(store, { role: 'mission', state: 'DEU' }, { now: new Date() });
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${stand.distr.url}/en/sign-in`);
    await signInThroughForm(page, 'en', issued.token);
    expect(new URL(page.url()).pathname).toBe('/en/portal');
    await revokeToken(store, issued.id, new Date().toISOString());
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/en/sign-in');
    // And the revoked token signs in no more.
    await signInThroughForm(page, 'en', issued.token);
    expect(await page.locator('#token-error').textContent()).toBe(messages('en').signIn.invalid);
    await context.close();
  }, 60_000);

  it('checked every page in both languages', () => {
    const names = [
      'sign-in',
      'sign-in-invalid',
      'submission',
      'portal',
      'forbidden',
      'signed-out',
      'console',
      'not-found',
    ];
    expect([...checked].sort()).toEqual(names.flatMap((n) => [`${n}-ar`, `${n}-en`]).sort());
  });
});
