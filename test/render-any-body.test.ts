/**
 * The schema and the renderer agree: any body the document schema accepts renders, and what the
 * renderer cannot set the schema refuses, so a distribution never fails on text an officer was
 * allowed to save. Bodies are built from UN corpus sentences and the Markdown a letter may hold, or
 * must not (tables, images, HTML, characters no font has).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentSchema } from '../functions/domain/document.ts';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import { renderDocument } from '../functions/render/index.ts';
import { loadFixture } from './support/fixtures.ts';
import { corpus } from './support/typeset.ts';

const sentence = (lang: Lang) => fc.constantFrom(...corpus(lang).slice(0, 40));

/** One Markdown block: what letters hold, and what the schema must refuse. */
const block = (lang: Lang) =>
  fc.oneof(
    sentence(lang),
    sentence(lang).map((s) => `## ${s.slice(0, 60)}`),
    sentence(lang).map((s) => `1. ${s}`),
    fc
      .array(sentence(lang), { minLength: 1, maxLength: 3 })
      .map((items) => items.map((i) => `- ${i}`).join('\n')),
    fc.tuple(sentence(lang), sentence(lang)).map(([a, b]) => `- ${a}\n  1. ${b}\n  2. ${b}`),
    sentence(lang).map((s) => `> ${s}`),
    sentence(lang).map((s) => `*${s.slice(0, 30)}* **${s.slice(30, 60)}**`),
    fc.constant('| a | b |\n|---|---|\n| 1 | 2 |'),
    fc.constant('See ![the map](map.png).'),
    fc.constant('CO<sub>2</sub> and a < b > c'),
    fc.constant('\\<UN> and 1 | 2'),
    fc.constant('Emoji 😀'),
    fc.constant('```\ncode\n```'),
  );

const body = (lang: Lang) => fc.array(block(lang), { minLength: 1, maxLength: 6 }).map((b) => b.join('\n\n'));

describe('any body the schema accepts', () => {
  const doc = loadFixture();
  for (const lang of LANGUAGES) {
    it(`renders in ${lang}, and the schema refuses the rest`, async () => {
      const version = doc.versions[lang];
      if (!version) throw new Error(`the fixture has a ${lang} version`);
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(body(lang), async (markdown) => {
          const input = { ...doc, versions: { [lang]: { ...version, body: markdown, annexes: [] } } };
          const parsed = documentSchema.safeParse(input);
          if (!parsed.success) {
            // Refused: for one of the reasons the schema gives, never silently.
            expect(parsed.error.issues.map((i) => i.path.join('.'))).toContain(`versions.${lang}.body`);
            return;
          }
          accepted++;
          const { pages } = await renderDocument(parsed.data, lang);
          expect(pages).toBeGreaterThan(0);
        }),
        { numRuns: 25, seed: 4 },
      );
      expect(accepted).toBeGreaterThan(0);
    });
  }
});
