/**
 * The typesetter's lines: breaking (UAX #14 and kinsoku), bidi order, justification, alignment,
 * font fallback. Checked on the line objects, not only on the PDF.
 */
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../functions/domain/languages.ts';
import { NO_LINE_END, NO_LINE_START } from '../functions/typeset/break-opportunities.ts';
import { createTypesetter, type DistrTypesetter, type TypesetLine } from '../functions/typeset/index.ts';
import type { ParagraphStyle } from '../functions/typeset/types.ts';
import { corpus } from './support/typeset.ts';

let ts: DistrTypesetter;
beforeAll(async () => {
  ts = await createTypesetter(await PDFDocument.create());
});

const style = (lang: ParagraphStyle['lang'], extra: Partial<ParagraphStyle> = {}): ParagraphStyle => ({
  lang,
  size: 12,
  leading: 14,
  align: 'justify',
  ...extra,
});

/** Glyph texts of a line in visual order, left to right. */
const visual = (line: TypesetLine): string =>
  line.pieces.flatMap((p) => p.glyphs.map((g) => g.text)).join('');
const fontsOf = (line: TypesetLine): string[] => line.pieces.map((p) => p.font.key);

describe('line breaking', () => {
  it('keeps every character, in order, across the lines', () => {
    for (const lang of LANGUAGES) {
      for (const text of corpus(lang)) {
        const lines = ts.setParagraph([{ text }], style(lang), 300);
        expect(
          lines
            .map((l) => l.text)
            .join('')
            .replace(/\s/g, ''),
        ).toBe(text.replace(/\s/g, ''));
      }
    }
  });

  it('Chinese kinsoku: no line starts with a closing mark or ends with an opening one, at any width', () => {
    let lines = 0;
    for (let width = 90; width <= 460; width += 7) {
      for (const text of corpus('zh')) {
        for (const line of ts.setParagraph([{ text }], style('zh'), width)) {
          lines++;
          expect(NO_LINE_START.has(line.text[0] ?? '')).toBe(false);
          expect(NO_LINE_END.has(line.text.at(-1) ?? '')).toBe(false);
        }
      }
    }
    expect(lines).toBeGreaterThan(1000);
    // The rule is effective: UAX #14 alone would allow a break before the middle dot of a name.
    const narrow = ts.setParagraph([{ text: '一二三四五六穆阿兹·奥图姆' }], style('zh'), 12 * 9.2);
    expect(narrow.map((l) => l.text)).toEqual(['一二三四五六穆阿', '兹·奥图姆']);
  });

  it('French spacing: no line starts with the punctuation that a (thin) no-break space ties back', () => {
    const text = corpus('fr')
      .join(' ')
      .replace(/ ([:;?!»])/g, '\u202f$1')
      .replace(/« /g, '«\u00a0');
    for (let width = 120; width <= 460; width += 3) {
      for (const line of ts.setParagraph([{ text }], style('fr'), width)) {
        expect(line.text).not.toMatch(/^[\u202f\u00a0]?[:;?!»]/);
        expect(line.text).not.toMatch(/«[\u00a0]?$/);
      }
    }
  });

  it('breaks a word longer than the line where it must, without losing it', () => {
    const text = 'https://documents.un.org/api/symbol/access?s=A/80/434&l=E&t=pdf';
    const lines = ts.setParagraph([{ text }], style('en', { align: 'start' }), 100);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(100 + 1e-6);
    expect(lines.map((l) => l.text).join('')).toBe(text);
  });

  it('never sets a line wider than its box', () => {
    for (const lang of LANGUAGES) {
      for (const width of [150, 233, 451]) {
        for (const text of corpus(lang)) {
          for (const [i, line] of ts
            .setParagraph([{ text }], style(lang, { align: 'start', firstLineIndent: 20, indent: 10 }), width)
            .entries()) {
            expect(line.width).toBeLessThanOrEqual(width - 10 - (i === 0 ? 20 : 0) + 1e-6);
          }
        }
      }
    }
  });
});

describe('justification and alignment', () => {
  it.each(LANGUAGES.map((l) => [l]))(
    '%s: justified lines but the last fill the box exactly; the last keeps its natural width',
    (lang) => {
      for (const text of corpus(lang)) {
        const lines = ts.setParagraph([{ text }], style(lang, { firstLineIndent: 36, indent: 8 }), 400);
        expect(lines.length).toBeGreaterThan(1);
        lines.forEach((line, i) => {
          const available = 400 - 8 - (i === 0 ? 36 : 0);
          if (i < lines.length - 1) expect(line.setWidth).toBeCloseTo(available, 6);
          else expect(line.setWidth).toBeCloseTo(line.width, 9);
        });
      }
    },
  );

  it('left-to-right: start is left after the indents, end is right, center is centred', () => {
    const runs = [{ text: 'Letter dated 30 May 2025' }];
    const [start] = ts.setParagraph(
      runs,
      style('en', { align: 'start', indent: 10, firstLineIndent: 20 }),
      400,
    );
    const [end] = ts.setParagraph(runs, style('en', { align: 'end' }), 400);
    const [center] = ts.setParagraph(runs, style('en', { align: 'center' }), 400);
    expect(start?.offset).toBe(30);
    expect((end?.offset ?? 0) + (end?.setWidth ?? 0)).toBeCloseTo(400, 6);
    expect((center?.offset ?? 0) * 2 + (center?.setWidth ?? 0)).toBeCloseTo(400, 6);
  });

  it('Arabic: start is the right edge, and a justified paragraph is flush right with its first-line indent', () => {
    const [start] = ts.setParagraph(
      [{ text: 'رسالة مؤرخة 30 أيار/مايو 2025' }],
      style('ar', { align: 'start', indent: 10 }),
      400,
    );
    expect((start?.offset ?? 0) + (start?.setWidth ?? 0)).toBeCloseTo(390, 6);
    const lines = ts.setParagraph(
      [{ text: corpus('ar')[0] ?? '' }],
      style('ar', { firstLineIndent: 36 }),
      400,
    );
    expect((lines[0]?.offset ?? 0) + (lines[0]?.setWidth ?? 0)).toBeCloseTo(364, 6);
    expect(lines[0]?.offset).toBeCloseTo(0, 6);
    const last = lines.at(-1);
    expect((last?.offset ?? 0) + (last?.setWidth ?? 0)).toBeCloseTo(400, 6);
  });

  it('Chinese justification spreads the slack between characters, not inside Latin words or numbers', () => {
    const text = corpus('zh')[3] ?? '';
    const [first] = ts.setParagraph([{ text }], style('zh'), 305);
    if (!first) throw new Error('no line');
    const gaps: { after: string; gap: number }[] = [];
    for (const piece of first.pieces) {
      piece.glyphs.forEach((g, i) => {
        const next = piece.glyphs[i + 1];
        if (next) gaps.push({ after: g.text + next.text, gap: next.x - g.x });
      });
    }
    expect(first.setWidth).toBeGreaterThan(first.width);
    const digitPairs = gaps.filter((g) => /^\d\d$/.test(g.after));
    expect(digitPairs.length).toBeGreaterThan(0);
    // Digits keep their natural advance (Liberation Serif digits are half an em).
    for (const pair of digitPairs) expect(pair.gap).toBeCloseTo(6, 6);
  });
});

describe('bidi and fonts', () => {
  it('Arabic: numbers, dates and document symbols keep their left-to-right order; Arabic runs right to left', () => {
    const text = 'رسالة مؤرخة 30 أيار/مايو 2025 (انظر الوثيقة A/80/434–S/2025/632)';
    const [line] = ts.setParagraph([{ text }], style('ar', { align: 'start' }), 1000);
    if (!line) throw new Error('no line');
    const v = visual(line);
    expect(v).toContain('A/80/434–S/2025/632');
    expect(v).toContain('2025');
    expect(v).toContain('30');
    // Arabic words come out reversed (visual order), as the first word sits at the right end.
    expect(v.endsWith('ةلاسر')).toBe(true);
    // The date reads 30 (right) … 2025 (left): the later number is further left.
    expect(v.indexOf('2025')).toBeLessThan(v.indexOf('30'));
    // Brackets are mirrored by shaping, so the text of the glyphs is still "(" before "انظر" logically.
    expect(line.text).toBe(text);
  });

  it('Arabic: digits and Latin are not forced into Arabic script (no Arabic decimal separator)', () => {
    const [line] = ts.setParagraph([{ text: 'بنسبة 15.5 في المائة' }], style('ar'), 1000);
    expect(visual(line as TypesetLine)).toContain('15.5');
  });

  it('Arabic vowel marks are positioned by GPOS (offsets) and keep their own ToUnicode text', () => {
    const [line] = ts.setParagraph([{ text: 'مُحَمَّدٌ' }], style('ar'), 1000);
    const glyphs = line?.pieces.flatMap((p) => p.glyphs) ?? [];
    const marks = glyphs.filter((g) => /^[\u064b-\u0652]+$/.test(g.text));
    expect(marks.length).toBeGreaterThanOrEqual(3);
    expect(marks.some((g) => g.dy !== 0)).toBe(true);
  });

  it('falls back per character: Latin and digits in Chinese take Liberation Serif, Chinese in English the CJK face', () => {
    const [zh] = ts.setParagraph([{ text: '见A/80/434号文件' }], style('zh'), 1000);
    expect(fontsOf(zh as TypesetLine)).toEqual(['cjkRegular', 'serifRegular', 'cjkRegular']);
    const [en] = ts.setParagraph([{ text: 'The name 联合国 means United Nations' }], style('en'), 1000);
    expect(fontsOf(en as TypesetLine)).toEqual(['serifRegular', 'cjkRegular', 'serifRegular']);
  });

  it('roles choose the face: bold and italic in Latin, bold in Arabic and Chinese', () => {
    const runs = [
      { text: 'Note ' },
      { text: 'verbale', role: 'italic' as const },
      { text: ' 12', role: 'bold' as const },
    ];
    expect(fontsOf(ts.setParagraph(runs, style('en'), 1000)[0] as TypesetLine)).toEqual([
      'serifRegular',
      'serifItalic',
      'serifBold',
    ]);
    const [ar] = ts.setParagraph([{ text: 'مذكرة شفوية', role: 'bold' }], style('ar'), 1000);
    expect(fontsOf(ar as TypesetLine)).toEqual(['arabicBold']);
    const [zh] = ts.setParagraph([{ text: '普通照会', role: 'boldItalic' }], style('zh'), 1000);
    expect(fontsOf(zh as TypesetLine)).toEqual(['cjkBold']);
  });

  it('measure gives the width of the text set on one line', () => {
    const runs = [{ text: 'A/80/434–S/2025/632' }];
    const [line] = ts.setParagraph(runs, style('en', { align: 'start' }), 1000);
    expect(ts.measure(runs, style('en'))).toBeCloseTo(line?.width ?? -1, 9);
    expect(ts.measure([{ text: 'W' }, { text: 'W', role: 'bold' }], style('en'))).toBeGreaterThan(
      ts.measure([{ text: 'WW' }], style('en')),
    );
  });
});
