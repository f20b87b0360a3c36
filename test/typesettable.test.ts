/**
 * Text Distr cannot set is refused, never printed as empty boxes: by the schemas at the door (a
 * problem naming the field) and by the renderer. The coverage behind both is the pinned fonts'.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agendaSchema } from '../functions/domain/agenda.ts';
import { documentSchema } from '../functions/domain/document.ts';
import { LANGUAGES } from '../functions/domain/languages.ts';
import { parseSubmission } from '../functions/domain/submission.ts';
import {
  describeCharacters,
  UntypesettableTextError,
  untypesettable,
} from '../functions/domain/typesettable.ts';
import { renderDocument } from '../functions/render/index.ts';
import { computeCoverage } from '../functions/typeset/tools/font-coverage.ts';
import { loadFixture, sampleSubmission } from './support/fixtures.ts';
import { corpus } from './support/typeset.ts';

const EMOJI = 0x1f600;
const DEVANAGARI_NA = 0x0928;
const THAI_PHO_SAMPHAO = 0x0e20;

describe('the characters Distr can set', () => {
  it('are those of the pinned fonts, as templates/fonts/coverage.json records them', async () => {
    const recorded = JSON.parse(
      readFileSync(new URL('../templates/fonts/coverage.json', import.meta.url), 'utf8'),
    );
    expect(recorded.ranges).toEqual(await computeCoverage());
  });

  it('include every character of the UN corpus sentences and of the design sample, in all six languages', () => {
    for (const lang of LANGUAGES) expect(untypesettable(corpus(lang).join('\n')), lang).toEqual([]);
    expect(untypesettable(JSON.stringify(loadFixture()))).toEqual([]);
  });

  it('include spaces, line breaks, joiners, bidi marks and soft hyphens, which take no glyph of their own', () => {
    const invisible = '\u00a0\u202f\u2009\u3000\t\n\u200b\u200c\u200d\u200e\u200f\u2060\u00ad\u061c\ufeff';
    expect(untypesettable(`1${invisible}000 ${invisible}`)).toEqual([]);
  });

  it('leave out emoji and scripts no pinned font has, each named once, in order of appearance', () => {
    const text = `Emoji ${String.fromCodePoint(EMOJI)}, नमस्ते नमस्ते, ภาษาไทย ${String.fromCodePoint(EMOJI)}`;
    const missing = untypesettable(text);
    expect(missing[0]).toBe(EMOJI);
    expect(missing[1]).toBe(DEVANAGARI_NA);
    expect(missing).toContain(THAI_PHO_SAMPHAO);
    expect(new Set(missing).size).toBe(missing.length);
    expect(describeCharacters(missing)).toMatch(/^U\+1F600 “😀”, U\+0928 “न”, .* and \d+ more$/);
  });
});

describe('text that cannot be set', () => {
  const hindi = 'Namaste (नमस्ते)';

  it('is refused in a submission, with the field named', () => {
    const sample = sampleSubmission();
    const result = parseSubmission(
      { ...sample, title: `${sample.title} ${hindi}` },
      { now: new Date('2025-06-03T15:00:00Z') },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { field: '/title', message: expect.stringMatching(/none of Distr's fonts.*U\+0928 “न”/) },
    ]);
  });

  it('is refused in a document file: translation, signature, annex and agenda titles alike', () => {
    const doc = loadFixture();
    const en = doc.versions.en;
    if (!en) throw new Error('the fixture has an English version');
    const edited = {
      ...doc,
      versions: {
        ...doc.versions,
        en: {
          ...en,
          body: `${en.body} ${hindi}`,
          signature: { name: hindi, title: [] },
          annexes: [{ heading: hindi }],
        },
      },
    };
    const result = documentSchema.safeParse(edited);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'versions.en.annexes.0.heading',
      'versions.en.body',
      'versions.en.signature.name',
    ]);
    const agenda = agendaSchema.safeParse({
      items: [{ item: '51', title: { en: hindi, fr: 'a', es: 'a', ru: 'a', zh: 'a', ar: 'a' } }],
    });
    expect(agenda.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['items.0.title.en']);
  });

  it('makes the renderer throw rather than print empty boxes, when it gets past validation', async () => {
    const doc = loadFixture();
    const fr = doc.versions.fr;
    if (!fr) throw new Error('the fixture has a French version');
    const edited = { ...doc, versions: { fr: { ...fr, body: `${fr.body}\n\n${hindi}` } } };
    const error = await renderDocument(edited, 'fr').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UntypesettableTextError);
    expect((error as UntypesettableTextError).codePoints).toEqual([DEVANAGARI_NA]);
  });
});
