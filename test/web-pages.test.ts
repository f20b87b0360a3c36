/**
 * The pages as rendered, without a server: hostile markup in titles and agenda titles (in six
 * scripts) shows as text, every page carries its language and direction, and the language bar
 * reads as the UN's does.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import type { DocumentMetadata } from '../functions/domain/public-document.ts';
import {
  documentPage,
  errorPage,
  homePage,
  notFoundPage,
  type PageContext,
  searchPage,
} from '../functions/web/pages.ts';

/** Markup that would run or inject if any value reached the page unescaped. */
const HOSTILE: Record<Lang, string> = {
  ar: 'رسالة <script>alert("ar")</script> "><img src=x onerror=alert(1)>',
  zh: "信函 </title><script>alert(2)</script> '><svg onload=alert(3)>",
  en: 'Letter <script>alert(4)</script> "><img src=x onerror=alert(5)> & more',
  fr: 'Lettre <iframe src="javascript:alert(6)"></iframe> <a href="javascript:x">x</a>',
  ru: 'Письмо </dd></dl><script>alert(7)</script><style>*{display:none}</style>',
  es: 'Carta <!-- --><script>alert(8)</script> <meta http-equiv="refresh" content="0;url=//evil">',
};

const metadata: DocumentMetadata = {
  symbol: 'A/79/923-S/2025/341',
  symbols: ['A/79/923', 'S/2025/341'],
  kind: 'letter',
  jobNumber: '25-08590',
  distribution: 'general',
  originalLanguage: 'fr',
  organs: [
    {
      organ: 'GA',
      session: 79,
      agendaItems: [
        { item: '51', title: Object.fromEntries(LANGUAGES.map((l) => [l, `${HOSTILE[l]} (item)`])) },
      ],
    },
    { organ: 'SC', year: 2025 },
  ],
  dates: { letter: '2025-05-30', issued: '2025-06-03', distributed: '2025-06-04' },
  distributedAt: '2025-06-04T10:00:00.000Z',
  title: { ...HOSTILE },
  languages: LANGUAGES.map((lang) => ({ lang, bytes: 48_000, pages: 2, sha256: '0'.repeat(64) })),
  partial: false,
};

const ctx = (lang: Lang): PageContext => ({
  lang,
  stylesheet: '/assets/site.0123456789ab.css',
  hrefIn: (l) => `/${l}/documents/A/79/923`,
  publicUrl: 'https://documents.example.org',
});

const pagesIn = (lang: Lang) => ({
  home: homePage(ctx(lang), [metadata]),
  search: searchPage(ctx(lang), {
    values: { symbol: '"><script>alert(9)</script>', agendaItem: '<b>51</b>' },
    invalid: ['symbol'],
    results: { items: [metadata], feed: '/v1/feeds/documents.atom?symbol=A%2F79%2F923' },
  }),
  document: documentPage(ctx(lang), {
    metadata,
    original: { symbol: 'A/79/900', title: { text: HOSTILE.en, lang: 'en' } },
    followups: [{ symbol: 'A/79/923/Add.1', title: { text: HOSTILE.ar, lang: 'ar' } }],
  }),
  notFound: notFoundPage(ctx(lang)),
  error: errorPage(ctx(lang)),
});

describe('pages rendered from hostile data', () => {
  it.each(LANGUAGES)('show every title and agenda title as text in %s, never as markup', (lang) => {
    for (const [name, html] of Object.entries(pagesIn(lang))) {
      // No element any value tried to inject, and no script or inline style at all.
      expect(html, name).not.toMatch(/<script|<img|<svg|<iframe|<style|<meta http-equiv|<!--/i);
      // No event handler, inline style or script URL inside any tag.
      expect(html, name).not.toMatch(/<[^>]*\s(on\w+|style)=/i);
      expect(html, name).not.toMatch(/<[^>]*="javascript:/i);
    }
    const { document } = pagesIn(lang);
    // The text itself is there, escaped: in the titles table, in each script.
    for (const l of LANGUAGES) {
      const escaped = HOSTILE[l].replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
      expect(document).toContain(escaped.replaceAll('"', '&quot;').replaceAll("'", '&#39;'));
    }
  });

  it('keeps what was typed in the form as an attribute value, escaped', () => {
    const { search } = pagesIn('en');
    expect(search).toContain('value="&quot;&gt;&lt;script&gt;alert(9)&lt;/script&gt;"');
    expect(search).toContain('value="&lt;b&gt;51&lt;/b&gt;"');
  });
});

describe('every page', () => {
  it.each(LANGUAGES)('declares its language and direction, and carries the language bar (%s)', (lang) => {
    for (const html of Object.values(pagesIn(lang))) {
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
      const bar = [...html.matchAll(/<a\s+href="[^"]*"\s+lang="(\w+)"[^>]*>([^<]+)<\/a/g)].map((m) => m[2]);
      expect(bar.join(' ')).toBe('عربي 中文 English Français Русский Español');
      expect(html).toMatch(/<a class="skip-link" href="#main">/);
      expect(html).toMatch(/<header[\s\S]*<nav[\s\S]*<main id="main"[\s\S]*<footer/);
    }
  });

  it('says which page is current in the language bar, and links the same page in the others', () => {
    const html = pagesIn('ar').document;
    expect(html).toMatch(/href="\/ar\/documents\/A\/79\/923"\s+lang="ar"[^>]*aria-current="page"/);
    expect(html).toMatch(/href="\/zh\/documents\/A\/79\/923"\s+lang="zh"/);
  });

  it('writes dates, organs, sessions and agenda lines as the masthead strings do', () => {
    const en = pagesIn('en').document;
    expect(en).toContain('Seventy-ninth session');
    expect(en).toContain('Agenda item 51');
    expect(en).toContain('3 June 2025');
    expect(en).toContain('Eightieth year');
    const fr = pagesIn('fr').document;
    expect(fr).toContain('Soixante-dix-neuvième session');
    expect(pagesIn('zh').document).toContain('2025年6月3日');
    expect(pagesIn('ar').document).toContain('حزيران/يونيه 2025');
  });
});
