/**
 * The set-up every browser test of the web pages shares: a local Distr and a headless chromium,
 * started before the file's tests and closed after them; a fresh browser context per test; and the
 * check each page passes — the document's lang and dir, axe-core's rules, a screenshot — with the
 * pages checked remembered so a test can assert that none was left out in a language.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Lang } from '../../functions/domain/languages.ts';
import { messages } from '../../functions/web/messages.ts';
import { axeViolations, launchBrowser, screenshot } from './browser.ts';
import { startTestDistr, type TestDistr } from './distr.ts';

export interface BrowserStand {
  /** The running Distr; set once the file's first `beforeAll` has run. */
  readonly distr: TestDistr;
  readonly browser: Browser;
  /** Each page checked so far, as `name-lang`. */
  readonly checked: Set<string>;
  /** A fresh context (its own cookies), with JavaScript on unless told otherwise. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** lang and dir of the document, axe's violations (none), and a screenshot `prefix-name-lang`. */
  check(page: Page, name: string, lang: Lang): Promise<void>;
}

/**
 * Registers the hooks that start and stop Distr and the browser; call it at the top of the file,
 * before the file's own `beforeAll` (which then runs after it and may use `distr`).
 */
export function browserStand(prefix: string): BrowserStand {
  let distr: TestDistr | undefined;
  let browser: Browser | undefined;
  const checked = new Set<string>();
  beforeAll(async () => {
    distr = await startTestDistr();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await distr?.dispose();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser stand is used before its beforeAll ran');
    return value;
  };
  return {
    get distr() {
      return started(distr);
    },
    get browser() {
      return started(browser);
    },
    checked,
    newContext: (options = {}) => started(browser).newContext({ javaScriptEnabled: true, ...options }),
    async check(page, name, lang) {
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(await axeViolations(page), `${name} in ${lang}`).toEqual([]);
      await screenshot(page, `${prefix}-${name}-${lang}`);
      checked.add(`${name}-${lang}`);
    },
  };
}

/** Signs in through the sign-in form the page shows (the token typed, the button pressed). */
export async function signInThroughForm(page: Page, lang: Lang, token: string): Promise<void> {
  const t = messages(lang);
  await page.getByLabel(t.signIn.token).fill(token);
  await page.getByRole('button', { name: t.signIn.submit }).click();
}
