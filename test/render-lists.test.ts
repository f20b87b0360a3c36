/**
 * Lists in a body: bullets and lettered sub-paragraphs hang in the margin of their text, mirrored
 * in Arabic, each language with its own sub-paragraph letters.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentFile } from '../functions/domain/document.ts';
import type { Lang } from '../functions/domain/languages.ts';
import { renderDocument } from '../functions/render/index.ts';
import { loadTemplate } from '../functions/render/template.ts';
import { fontChain } from '../functions/typeset/font-fallback.ts';
import { loadFixture } from './support/fixtures.ts';
import { pdfText, pdfWords } from './support/pdf.ts';

const LISTS: Partial<Record<Lang, string>> = {
  en: 'Adopted:\n\n- first bullet\n\n  further paragraph\n- second bullet, with:\n  1. alpha item\n  2. beta item\n',
  fr: 'Adopté :\n\n- première puce\n- seconde puce :\n  1. alpha\n  2. bêta\n',
  ar: 'اعتمد ما يلي:\n\n- البند الأول\n- البند الثاني:\n  1. زيادة عدد النساء\n  2. توفير ظروف أكثر أمانا\n',
};

const withList = (lang: Lang): DocumentFile => {
  const doc = loadFixture();
  const version = doc.versions[lang];
  if (!version) throw new Error(`the fixture has a ${lang} version`);
  return { ...doc, versions: { [lang]: { ...version, body: LISTS[lang], annexes: [] } } };
};

const { column, body } = loadTemplate('letter');
const indent = body.firstLineIndent;

describe('lists', () => {
  it('hang bullets at the first-line indent and lettered items under them one indent further', async () => {
    const { pdf } = await renderDocument(withList('en'), 'en');
    const words = pdfWords(pdf);
    const first = (text: string) => {
      const word = words.find((w) => w.text === text);
      if (!word) throw new Error(`"${text}" is not on page 1`);
      return word;
    };
    const bullets = words.filter((w) => w.text === '•');
    // Two bullets: the first item's further paragraph has none.
    expect(bullets).toHaveLength(2);
    for (const bullet of bullets) expect(bullet.xMin).toBeCloseTo(column.left + indent, 1);
    // Every line of an item's text starts one indent further than its marker.
    expect(first('first').xMin).toBeCloseTo(column.left + 2 * indent, 1);
    expect(first('further').xMin).toBeCloseTo(column.left + 2 * indent, 1);
    expect(first('second').xMin).toBeCloseTo(column.left + 2 * indent, 1);
    expect(first('(a)').xMin).toBeCloseTo(column.left + 2 * indent, 1);
    expect(first('(b)').xMin).toBeCloseTo(column.left + 2 * indent, 1);
    expect(first('alpha').xMin).toBeCloseTo(column.left + 3 * indent, 1);
    expect(first('beta').xMin).toBeCloseTo(column.left + 3 * indent, 1);
  });

  it('take their bullet from the Latin face in Chinese, whose own bullet is a dot half the size', () => {
    expect(fontChain('zh', 'regular', 0x2022)[0]).toBe('serifRegular');
    expect(fontChain('zh', 'regular', 0x3002)[0]).toBe('cjkRegular');
  });

  it('letter sub-paragraphs as each language does', async () => {
    const { pdf } = await renderDocument(withList('fr'), 'fr');
    expect(pdfText(pdf, 1)).toMatch(/a\)\s+alpha\s+b\)\s+bêta/);
  });

  it('mirror in Arabic, with abjad letters, the text clear of the widest marker and aligned', async () => {
    const { pdf } = await renderDocument(withList('ar'), 'ar');
    const text = pdfText(pdf, 1);
    // (poppler cuts زيادة after its first letter.)
    expect(text).toMatch(/\(أ\)\s+ز ?يادة/);
    expect(text).toMatch(/\(ب\)\s+توفير/);
    const words = pdfWords(pdf);
    const right = (pattern: RegExp) => {
      const word = words.find((w) => pattern.test(w.text));
      if (!word) throw new Error(`${pattern} is not on page 1`);
      return word;
    };
    const columnRight = column.left + column.width;
    // Markers stand one indent in from the right edge, under the bullets' text; their words are
    // extracted in visual order, hence the reversed parentheses.
    const alif = right(/^\)أ\($/);
    const ba = right(/^\)ب\($/);
    expect(alif.xMax).toBeCloseTo(columnRight - 2 * indent, 0);
    expect(ba.xMax).toBeCloseTo(columnRight - 2 * indent, 0);
    // Both items' text ends at the same place, left of the wider marker with room to spare.
    const textEnd = (marker: { yMin: number; xMin: number }) =>
      Math.max(...words.filter((w) => w.yMin === marker.yMin && w.xMax < marker.xMin).map((w) => w.xMax));
    expect(textEnd(alif)).toBeCloseTo(textEnd(ba), 1);
    expect(ba.xMax - ba.xMin).toBeGreaterThan(alif.xMax - alif.xMin);
    expect(textEnd(ba)).toBeLessThan(ba.xMin - 3);
  });
});
