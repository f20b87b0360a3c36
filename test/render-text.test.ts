/**
 * Text comes back: `pdftotext` of every language version returns the masthead, title, body,
 * signature and annex in reading order, as a reader copying from the PDF would get them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import { footerText, mastheadText, pleaseRecycle } from '../functions/domain/masthead.ts';
import { renderDocument } from '../functions/render/index.ts';
import { fixtureText, loadFixture } from './support/fixtures.ts';
import { pdfFonts, pdfText, squash } from './support/pdf.ts';

const doc = loadFixture();
const texts = new Map<Lang, { all: string; first: string; pdf: Uint8Array }>();

beforeAll(async () => {
  for (const lang of LANGUAGES) {
    const { pdf } = await renderDocument(doc, lang);
    texts.set(lang, { all: pdfText(pdf), first: pdfText(pdf, 1), pdf });
  }
}, 120_000);

const text = (lang: Lang) => {
  const t = texts.get(lang);
  if (!t) throw new Error(`${lang} was not rendered`);
  return t;
};

/** Without any whitespace: line breaks fall differently, CJK lines have no spaces to keep. */
const bare = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, '');

/** Markdown marks are not printed (paragraph and heading numbers are). */
const plain = (markdown: string): string => markdown.replace(/[*#]+/g, '');

/** Share of 12-character pieces of `source` found in `extracted` (pieces across a page break miss). */
const coverage = (source: string, extracted: string): number => {
  const s = bare(plain(source));
  const e = bare(extracted);
  let found = 0;
  let total = 0;
  for (let i = 0; i + 12 <= s.length; i += 12) {
    total++;
    if (e.includes(s.slice(i, i + 12))) found++;
  }
  return total === 0 ? 1 : found / total;
};

/** Asserts that `lines` occur in `haystack` in this order. */
const expectInOrder = (haystack: string, lines: string[]): void => {
  let from = 0;
  for (const line of lines) {
    const at = haystack.indexOf(line, from);
    expect(at, `"${line}" after position ${from} in:\n${haystack.slice(0, 800)}`).toBeGreaterThanOrEqual(0);
    from = at + line.length;
  }
};

describe('text extraction', () => {
  it('reads the French masthead back like the real French PDF', () => {
    // Text extracted from the real UN PDF of the French version (kept with the fixtures).
    const sample = fixtureText('A-79-923-S-2025-341.fr.sample.txt');
    // The masthead is everything before the title.
    const masthead = sample.slice(0, sample.indexOf('Lettres identiques'));
    const lines = masthead
      .split('\n')
      .map(squash)
      .filter((line) => line !== '');
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expectInOrder(squash(text('fr').first), lines);
  });

  it('never breaks a line at a French non-breaking space', () => {
    const body = doc.versions.fr?.body ?? '';
    expect(body).toContain('1\u00a0000');
    const all = text('fr').all;
    expect(all).toMatch(/1[ \u00a0]000 représentants/);
    // `suivantes :` and the like: no line starts with the punctuation a non-breaking space holds.
    expect(all).not.toMatch(/\n[:;!?»]/);
  });

  for (const lang of LANGUAGES) {
    it(`${lang}: masthead, title, body, signature and footer in reading order`, () => {
      const version = doc.versions[lang];
      if (!version) throw new Error(`fixture has no ${lang} version`);
      const m = mastheadText(doc, lang);
      const first = bare(text(lang).first);
      for (const line of [m.unitedNations, ...m.organs, m.distribution, m.date, m.original]) {
        expect(first, line).toContain(bare(line));
      }
      const footer = footerText(doc, lang);
      // Poppler reads an Arabic page right to left, so the job number and the stamps swap places there.
      if (lang === 'ar')
        for (const piece of [doc.jobNumber, footer.stamps.join('')]) expect(first).toContain(piece);
      else expect(first).toContain(bare(`${footer.job}${footer.stamps.join('')}`));
      expect(first).toContain(bare(pleaseRecycle(lang)));
      const blocks = m.blocks.flatMap((b) => [b.organ, b.period, ...(b.agenda ? [b.agenda.line] : [])]);
      // The session block, then the title, then the body: in this order on page 1.
      expectInOrder(first, [...blocks.map(bare), bare(plain(version.title)).slice(0, 20)]);
      const bodyStart = bare(plain(version.body)).slice(0, 20);
      expectInOrder(first, [bare(plain(version.title)).slice(-20), bodyStart]);
      const name = bare(plain(version.signature?.name ?? ''));
      expect(bare(text(lang).all)).toContain(name);
    });

    it(`${lang}: every font embedded, subset, with ToUnicode`, () => {
      const fonts = pdfFonts(text(lang).pdf);
      expect(fonts.length).toBeGreaterThanOrEqual(2);
      for (const font of fonts) expect(font, font.name).toMatchObject({ emb: 'yes', sub: 'yes', uni: 'yes' });
    });

    it(`${lang}: the body and annexes come back whole`, () => {
      const version = doc.versions[lang];
      if (!version) throw new Error(`fixture has no ${lang} version`);
      const source = [
        version.body,
        ...version.annexes.flatMap((a) => [a.heading, a.title ?? '', a.body ?? '']),
      ].join('\n');
      // Arabic loses a few pieces to poppler's reordering of neutrals beside numbers.
      expect(coverage(source, text(lang).all)).toBeGreaterThanOrEqual(lang === 'ar' ? 0.9 : 0.98);
    });
  }
});
