/**
 * The whole web flow in a real browser (Debian's chromium, headless), through the pages only: an
 * officer (whose first token is the only thing made outside the pages) creates mission tokens and
 * loads the GA 79 agenda; Germany's mission submits the design sample with a PDF annex; the
 * officer registers it, adds the five other language versions, previews the Arabic and Chinese
 * PDFs and distributes all six; the mission downloads the French PDF; France's mission cannot see
 * Germany's submission; a form posted from another site is refused; a revoked token's session
 * ends; and the audit trails say who did what. axe-core checks every page in English and Arabic,
 * and each is screenshotted in both (`flow-<page>-<lang>`).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Lang } from '../../functions/domain/languages.ts';
import { fill } from '../../functions/domain/strings.ts';
import { tokenId } from '../../functions/domain/tokens.ts';
import { messages } from '../../functions/web/messages.ts';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import { startTestDistr, type TestDistr } from '../support/distr.ts';
import { fixture, loadFixture } from '../support/fixtures.ts';
import { honestPdf } from '../support/hostile-pdfs.ts';
import { chunkRecall, pdfText, squash } from '../support/pdf.ts';
import { tokenFor } from '../support/tokens.ts';
import { sampleFormFields } from '../support/web-submit.ts';

const en = messages('en');
const sample = loadFixture();
const LONG = 120_000;

let distr: TestDistr;
let browser: Browser;
let officerToken: string;
let officer: BrowserContext;
let deu: BrowserContext;
let deuToken: string;
let deuId: string;
let fraToken: string;
let submissionId: string;
let symbols: string;
let documentPath: string;
const checked = new Set<string>();

beforeAll(async () => {
  distr = await startTestDistr();
  // The first officer token, as `npx distr tokens create --role officer` makes it.
  officerToken = await tokenFor(distr, 'officer');
  browser = await launchBrowser();
}, LONG);

afterAll(async () => {
  await browser?.close();
  await distr?.dispose();
});

/** axe and a screenshot of the page as it is, in the language it is in. */
async function checkAs(page: Page, name: string, lang: Lang) {
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
  expect(await axeViolations(page), `${name} in ${lang}`).toEqual([]);
  await screenshot(page, `flow-${name}-${lang}`);
  checked.add(`${name}-${lang}`);
}

/** The English page checked, then the same address in Arabic (its first segment switched) in another tab. */
async function check(page: Page, name: string, expectStatus = 200) {
  await checkAs(page, name, 'en');
  const url = new URL(page.url());
  expect(url.pathname.startsWith('/en/')).toBe(true);
  url.pathname = `/ar/${url.pathname.slice(4)}`;
  const twin = await page.context().newPage();
  const answer = await twin.goto(url.toString());
  expect(answer?.status()).toBe(expectStatus);
  await checkAs(twin, name, 'ar');
  await twin.close();
}

async function signIn(page: Page, lang: Lang, token: string) {
  const t = messages(lang);
  await page.goto(`${distr.url}/${lang}/sign-in`);
  await page.getByLabel(t.signIn.token).fill(token);
  await page.getByRole('button', { name: t.signIn.submit }).click();
}

/** A token made on the tokens page, read where it is shown once, with its id. */
async function createMissionToken(page: Page, lang: Lang, state: string) {
  const t = messages(lang).tokens;
  await page.goto(`${distr.url}/${lang}/console/tokens`);
  await page.getByLabel(t.role, { exact: true }).selectOption('mission');
  await page.getByLabel(t.state, { exact: true }).selectOption(state);
  await page.getByRole('button', { name: t.submit }).click();
  expect(await page.locator('h1').textContent()).toBe(t.createdHeading);
  const token = (await page.locator('code.secret').textContent()) ?? '';
  expect(token).toMatch(/^distr_[0-9a-f]{16}_[0-9a-f]{64}$/);
  return token;
}

/** The PDF behind a link, fetched with the context's cookies; its bytes after checking its type. */
async function fetchPdf(context: BrowserContext, href: string): Promise<Buffer> {
  const answer = await context.request.get(new URL(href, distr.url).toString(), { timeout: LONG });
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('application/pdf');
  const bytes = await answer.body();
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return bytes;
}

/** Whether the PDF's text holds the title (poppler's line breaks and bidi order allowed for). */
const holdsTitle = (pdf: Buffer, title: string) => chunkRecall(squash(title), squash(pdfText(pdf)));

/** The audit table's rows as text: when, who, what (without the isolates that keep values whole). */
const auditRows = (page: Page) =>
  page.locator('section.audit tbody tr').evaluateAll((rows) =>
    rows.map((row) =>
      Array.from((row as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells).map((c) =>
        (c.textContent ?? '')
          .replace(/[\u2068\u2069]/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      ),
    ),
  );

describe('the web flow, from tokens to a distributed document', () => {
  it('1. the officer creates mission tokens for Germany and France, and loads the GA 79 agenda', async () => {
    officer = await browser.newContext();
    const page = await officer.newPage();
    page.setDefaultTimeout(LONG);
    await page.goto(`${distr.url}/en/sign-in`);
    await check(page, 'sign-in');
    await signIn(page, 'en', officerToken);
    expect(new URL(page.url()).pathname).toBe('/en/console');
    await page
      .getByRole('navigation', { name: en.consoleNav.label })
      .getByRole('link', { name: en.consoleNav.tokens })
      .click();
    expect(new URL(page.url()).pathname).toBe('/en/console/tokens');
    await check(page, 'tokens');

    deuToken = await createMissionToken(page, 'en', 'DEU');
    deuId = tokenId(deuToken) ?? '';
    expect(await page.locator('dl.facts code').first().textContent()).toBe(deuId);
    await checkAs(page, 'token-created', 'en');
    // France's in Arabic: the page that shows a token once is seen in both languages.
    const ar = await officer.newPage();
    ar.setDefaultTimeout(LONG);
    fraToken = await createMissionToken(ar, 'ar', 'FRA');
    await checkAs(ar, 'token-created', 'ar');
    await ar.close();
    expect(fraToken).not.toBe(deuToken);

    await page.goto(`${distr.url}/en/console/agendas`);
    const form = page.locator('form[enctype="multipart/form-data"]');
    await form.getByLabel(en.registries.session, { exact: true }).fill('79');
    await form.getByLabel(en.registries.file, { exact: true }).setInputFiles({
      name: 'agenda.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(fixture('agenda-GA-79.json'))),
    });
    await form.getByRole('button', { name: en.registries.load }).click();
    expect(new URL(page.url()).search).toBe('?session=79');
    expect(await page.locator('table.agenda tbody tr').count()).toBeGreaterThan(0);
    await check(page, 'agendas');
    await page.close();
  }, 180_000);

  it('2. Germany submits the design sample with a PDF annex, following the upload to 100 %', async () => {
    deu = await browser.newContext({ javaScriptEnabled: true });
    const seen: number[] = [];
    // Every value the page's script gives a progress bar, across navigations.
    await deu.exposeFunction('reportProgress', (value: number) => seen.push(value));
    await deu.addInitScript(() => {
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
    const page = await deu.newPage();
    page.setDefaultTimeout(LONG);
    await signIn(page, 'en', deuToken);
    expect(new URL(page.url()).pathname).toBe('/en/portal');
    await expect(page.locator('main').textContent()).resolves.toContain('DEU');
    await check(page, 'portal');
    await page.getByRole('link', { name: en.submit.link }).click();
    await page.locator('#f-session').fill('79');
    await page.getByRole('button', { name: en.submit.showItems }).click();
    expect(await page.locator('input[name="agendaItem"]').count()).toBeGreaterThan(0);
    await check(page, 'submit-form');

    for (const [name, value] of sampleFormFields()) {
      if (['addressee', 'organ', 'agendaItem', 'kind'].includes(name)) {
        await page.check(`input[name="${name}"][value="${value}"]`);
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
      buffer: Buffer.from(await honestPdf(2)),
    });
    await page.getByRole('button', { name: en.submit.send }).click();
    await page.waitForURL(/\/en\/portal\/submissions\/[0-9a-f]+$/, { timeout: LONG });
    expect(seen).toContain(100);
    submissionId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await expect(page.locator('.timeline').textContent()).resolves.toContain(en.status.received);
    await check(page, 'submission-received');
    await page.close();
  }, 180_000);

  it('3. the officer finds it in the queue and registers it with the symbols forecast', async () => {
    const page = await officer.newPage();
    page.setDefaultTimeout(LONG);
    await page.goto(`${distr.url}/en/console`);
    await check(page, 'queue');
    await page.locator(`table.submissions tbody a[href$="/console/submissions/${submissionId}"]`).click();
    expect(new URL(page.url()).pathname).toBe(`/en/console/submissions/${submissionId}`);
    await check(page, 'intake-submission');
    await page.getByRole('link', { name: en.intake.registerLink }).click();
    expect(new URL(page.url()).pathname).toBe(`/en/console/submissions/${submissionId}/register`);
    const forecast = (await page.locator('dl.forecast dd').first().textContent()) ?? '';
    expect(forecast).toContain('A/79/');
    await check(page, 'register');
    await page.getByRole('button', { name: en.intake.confirm, exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(`/en/console/submissions/${submissionId}`);
    symbols = (await page.locator('dl.facts dd').nth(1).textContent()) ?? '';
    expect(symbols).toBe(forecast);
    await expect(page.locator('.timeline').textContent()).resolves.toContain(en.status.registered);
    await check(page, 'intake-registered');

    await page.getByRole('link', { name: new RegExp(`^${en.intake.documentLink}`) }).click();
    documentPath = new URL(page.url()).pathname;
    expect(documentPath).toMatch(/^\/en\/console\/documents\/A\/79\//);
    await check(page, 'document');
    await page.close();
  }, 180_000);

  it('4. the officer adds the five translations, previews Arabic and Chinese, and distributes all six', async () => {
    const c = en.consoleDocument;
    const page = await officer.newPage();
    page.setDefaultTimeout(LONG);
    await page.goto(`${distr.url}${documentPath}`);
    for (const l of ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const) {
      const version = sample.versions[l];
      if (!version) throw new Error(`the sample has no ${l} version`);
      const add = page.getByRole('link', { name: fill(c.addVersion, { language: c.languageNames[l] }) });
      // The original's version came with the registration.
      if (l === sample.originalLanguage && (await add.count()) === 0) continue;
      await add.click();
      if (l === 'fr') await check(page, 'version-form');
      await page.getByLabel(c.versionTitle, { exact: true }).fill(version.title);
      await page.getByLabel(c.versionBody, { exact: true }).fill(version.body);
      await page.getByLabel(c.signatureName, { exact: true }).fill(version.signature?.name ?? '');
      await page
        .getByLabel(c.signatureTitle, { exact: true })
        .fill((version.signature?.title ?? []).join('\n'));
      await page.getByRole('button', { name: c.save }).click();
      await page.waitForURL(`${distr.url}${documentPath}`);
    }
    const grid = page.getByRole('table', { name: c.grid });
    await expect.poll(() => grid.locator('tbody tr.in').count(), { timeout: LONG }).toBe(6);
    await check(page, 'document-versions');

    for (const l of ['ar', 'zh'] as const) {
      const href = await grid.locator(`a[type="application/pdf"][hreflang="${l}"]`).getAttribute('href');
      const pdf = await fetchPdf(officer, href ?? '');
      const title = sample.versions[l]?.title ?? '';
      expect(pdfText(pdf)).toMatch(l === 'ar' ? /[\u0600-\u06ff]/ : /[\u4e00-\u9fff]/);
      expect(holdsTitle(pdf, title), `the ${l} title in its preview`).toBeGreaterThanOrEqual(0.8);
    }

    await page.getByRole('button', { name: c.distribute, exact: true }).click();
    await page.waitForURL(`${distr.url}${documentPath}/progress`);
    // The progress page refreshes itself (no script needed) until the document is public.
    await page.getByRole('link', { name: c.publicLink }).waitFor({ timeout: LONG });
    await check(page, 'progress');
    await page.close();
  }, 180_000);

  it('5. Germany sees it distributed and downloads the French PDF', async () => {
    const page = await deu.newPage();
    page.setDefaultTimeout(LONG);
    await page.goto(`${distr.url}/en/portal/submissions/${submissionId}`);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('dl.facts dd').first().textContent();
        },
        { timeout: LONG, interval: 1000 },
      )
      .toBe(en.status.distributed);
    await expect(page.locator('main').textContent()).resolves.toContain(symbols.split(/\s+/)[0] ?? symbols);
    await check(page, 'submission-distributed');
    const href = await page.locator('ul.pdfs a[hreflang="fr"]').getAttribute('href');
    const pdf = await fetchPdf(deu, href ?? '');
    expect(holdsTitle(pdf, sample.versions.fr?.title ?? ''), 'the French title').toBeGreaterThanOrEqual(0.85);
    await page.close();
  }, 180_000);

  it("6. France cannot open Germany's submission", async () => {
    const fra = await browser.newContext();
    const page = await fra.newPage();
    page.setDefaultTimeout(LONG);
    await signIn(page, 'en', fraToken);
    expect(new URL(page.url()).pathname).toBe('/en/portal');
    const answer = await page.goto(`${distr.url}/en/portal/submissions/${submissionId}`);
    expect(answer?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe(en.notFound.title);
    await expect(page.locator('main').textContent()).resolves.not.toContain(sample.versions.en?.title ?? '-');
    await check(page, 'not-found', 404);
    await fra.close();
  }, 180_000);

  it('7. a form posted from another site is refused, and nothing changes', async () => {
    const revoke = `${distr.url}/en/console/tokens/${deuId}/revoke`;
    // With the officer's cookie but another site's Origin.
    const forged = await officer.request.post(revoke, {
      headers: { origin: 'http://evil.example' },
      form: { csrf: 'x' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain(en.forbidden.crossOrigin);
    // A page of no site posting the form, as a browser does it.
    for (const lang of ['en', 'ar'] as const) {
      const page = await officer.newPage();
      page.setDefaultTimeout(LONG);
      await page.setContent(
        `<form method="post" action="${distr.url}/${lang}/console/tokens/${deuId}/revoke"><button>Go</button></form>`,
      );
      const [answer] = await Promise.all([page.waitForNavigation(), page.click('button')]);
      expect(answer?.status()).toBe(403);
      expect(await page.locator('h1').textContent()).toBe(messages(lang).forbidden.title);
      await checkAs(page, 'forbidden', lang);
      await page.close();
    }
    // Germany's session still works: its token was not revoked.
    const page = await deu.newPage();
    await page.goto(`${distr.url}/en/portal`);
    expect(new URL(page.url()).pathname).toBe('/en/portal');
    await page.close();
  }, 180_000);

  it("8. the officer revokes Germany's token, and Germany's session ends", async () => {
    const page = await officer.newPage();
    page.setDefaultTimeout(LONG);
    await page.goto(`${distr.url}/en/console/tokens`);
    const row = page.locator('table.tokens tbody tr', { has: page.locator(`code:text-is("${deuId}")`) });
    await expect(row.textContent()).resolves.toContain(en.tokens.active);
    await page.getByRole('button', { name: fill(en.tokens.revokeLabel, { id: deuId }) }).click();
    expect(new URL(page.url()).pathname).toBe('/en/console/tokens');
    await expect(row.textContent()).resolves.not.toContain(en.tokens.active);
    await check(page, 'tokens-revoked');
    await page.close();

    const mission = await deu.newPage();
    await mission.goto(`${distr.url}/en/portal/submissions/${submissionId}`);
    expect(new URL(mission.url()).pathname).toBe('/en/sign-in');
    await mission.close();
    await deu.close();
  }, 180_000);

  it('9. the audit trails say who did what', async () => {
    const officerId = tokenId(officerToken) ?? '';
    const actor = (role: 'mission' | 'officer', token: string) =>
      fill(en.audit.actor, { role: en.role[role], token });
    const page = await officer.newPage();
    page.setDefaultTimeout(LONG);

    await page.goto(`${distr.url}/en/console/submissions/${submissionId}`);
    const submission = await auditRows(page);
    expect(submission).toContainEqual([expect.any(String), actor('mission', deuId), en.audit.submitted]);
    expect(submission).toContainEqual([
      expect.any(String),
      actor('officer', officerId),
      expect.stringMatching(/^Registered as A\/79\//),
    ]);
    await check(page, 'intake-audit');

    await page.goto(`${distr.url}${documentPath}`);
    const document = await auditRows(page);
    for (const l of ['fr', 'es', 'ru', 'zh', 'ar'] as const) {
      expect(document).toContainEqual([
        expect.any(String),
        actor('officer', officerId),
        fill(en.audit.versionStored, { language: messages(l).autonym }),
      ]);
    }
    expect(document).toContainEqual([
      expect.any(String),
      actor('officer', officerId),
      fill(en.audit.distributionRequested, {
        languages: LANGUAGES.map((l) => messages(l).autonym).join(en.listSeparator),
      }),
    ]);
    await check(page, 'document-distributed');
    await page.close();
    await officer.close();
  }, 180_000);

  it('checked every page in both languages', () => {
    const names = [...new Set([...checked].map((n) => n.replace(/-(en|ar)$/, '')))];
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const name of names) {
      expect(checked, name).toContain(`${name}-en`);
      expect(checked, name).toContain(`${name}-ar`);
    }
  });
});
