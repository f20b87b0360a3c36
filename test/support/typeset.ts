/**
 * The typesetter alone: UN corpus sentences (test/fixtures/typeset/) set on A4 pages, as the
 * typesetting tests and benchmark do. Light on imports, so that the benchmark's cold start
 * measures the typesetter and nothing else.
 */
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import type { Lang } from '../../functions/domain/languages.ts';
import { createTypesetter, type TypesetLine } from '../../functions/typeset/index.ts';
import type { ParagraphStyle, Run } from '../../functions/typeset/types.ts';

/**
 * UN Parallel Corpus sentences in `lang`, one per line: `corpus` (nine sentences with dates,
 * symbols and vowel marks) or `bench` (four A4 pages of running text).
 */
export const corpus = (lang: Lang, set: 'corpus' | 'bench' = 'corpus'): string[] =>
  readFileSync(new URL(`../fixtures/typeset/${set}.${lang}.txt`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);

export const PAGE = { width: 595.28, height: 841.89, margin: 72 } as const;
export const BOX_WIDTH = PAGE.width - 2 * PAGE.margin;

export const styleFor = (lang: Lang, align: ParagraphStyle['align'] = 'justify'): ParagraphStyle => ({
  lang,
  size: 12,
  leading: lang === 'ar' ? 20 : lang === 'zh' ? 18 : 14,
  align,
  firstLineIndent: 36,
});

export interface Rendered {
  pdf: Uint8Array;
  lines: TypesetLine[][];
  pages: number;
}

/** Sets each paragraph in the box, page after page, and saves the document. */
export const renderParagraphs = async (
  lang: Lang,
  paragraphs: readonly (readonly Run[])[],
  align: ParagraphStyle['align'] = 'justify',
): Promise<Rendered> => {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const typesetter = await createTypesetter(doc);
  const style = styleFor(lang, align);
  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const all: TypesetLine[][] = [];
  for (const runs of paragraphs) {
    const lines = typesetter.setParagraph(runs, style, BOX_WIDTH);
    all.push(lines);
    for (const line of lines) {
      if (y < PAGE.margin) {
        page = doc.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - PAGE.margin;
      }
      line.draw(page, PAGE.margin, y);
      y -= style.leading;
    }
    y -= style.leading / 2;
  }
  typesetter.finish();
  return { pdf: await doc.save(), lines: all, pages: doc.getPageCount() };
};
