/**
 * Per-language wording of everything a document prints around its text (masthead, signature,
 * annex notes, footer), kept as data in `templates/strings/<lang>.json`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { templatesDir } from '../templates-dir.ts';
import { LANGUAGES, type Lang } from './languages.ts';

const lang = z.enum(LANGUAGES);
const text = z.string().min(1);
const byLang = z.object({ ar: text, zh: text, en: text, fr: text, ru: text, es: text });
const organs = z.object({ GA: text, SC: text, ECOSOC: text });

/** A session or year line: the pattern places the ordinal; the gender is the noun's. */
const periodLine = z.object({
  pattern: text.includes('{ordinal}'),
  gender: z.enum(['masculine', 'feminine']),
});

export const languageStringsSchema = z
  .object({
    /** Provenance of the wording: what was verified where, what is not. */
    _notes: z.record(z.string(), z.string()).optional(),
    unitedNations: text,
    organs,
    /** Masthead-only forms of organ names, where they differ (Chinese spaces 大  会). */
    mastheadOrgans: organs.partial().optional(),
    session: periodLine,
    year: periodLine,
    agenda: z.object({
      one: text.includes('{items}'),
      /** Arabic dual (البندان). */
      two: text.includes('{items}').optional(),
      many: text.includes('{items}'),
      separator: text,
      and: text,
      subItem: text.includes('{number}').includes('{letter}'),
      /** Sub-item letters as printed, when not Latin (Arabic أ ب ج …). */
      subItemLetters: z.record(z.string().regex(/^[a-z]$/), text).optional(),
    }),
    /**
     * A lettered sub-paragraph's marker in running text, `(a)` or `a)`; the letters are the agenda's
     * `subItemLetters` where it has them.
     */
    subparagraph: text.includes('{letter}'),
    distribution: z.object({ general: text, limited: text, restricted: text }),
    /** Russian, Chinese and Arabic mastheads keep the date in English. */
    mastheadDateLanguage: lang,
    /** This version's language as named in the masthead (in English for ru, zh, ar). */
    versionLanguage: text,
    /** Masthead `Original:` line, by original language. */
    original: byLang,
    signature: z.object({
      mark: text,
      line: text.includes('{mark}').includes('{name}'),
      /** The signatory's title lines come before the signed line (French, Chinese). */
      titleFirst: z.boolean(),
    }),
    annex: text,
    /** `[Original: French]` under an annex heading, by the annex's language. */
    annexOriginal: byLang,
    /** Footnote of an annex circulated untranslated. */
    languageOfSubmissionOnly: text,
    pleaseRecycle: text,
    /** Month names as used in dates (Russian genitive, Arabic dual names, Chinese numbers). */
    months: z.array(text).length(12),
    date: z.object({
      pattern: text.includes('{day}').includes('{month}').includes('{year}'),
      /** How the first day of a month is written, when not `1` (French `1er`). */
      firstDay: text.optional(),
    }),
  })
  .strict();

export type LanguageStrings = z.infer<typeof languageStringsSchema>;

export { templatesDir } from '../templates-dir.ts';

let cache: Record<Lang, LanguageStrings> | undefined;

function loadAll(): Record<Lang, LanguageStrings> {
  const dir = join(templatesDir(), 'strings');
  const entries = LANGUAGES.map((l) => {
    const file = join(dir, `${l}.json`);
    const parsed = languageStringsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`Invalid strings file ${file}: ${z.prettifyError(parsed.error)}`);
    return [l, parsed.data] as const;
  });
  return Object.fromEntries(entries) as Record<Lang, LanguageStrings>;
}

/** The wording of one language; all six files are read and validated once, on first use. */
export function strings(lang: Lang): LanguageStrings {
  cache ??= loadAll();
  return cache[lang];
}

/** Forgets the loaded files (tests that point `DISTR_TEMPLATES_DIR` elsewhere). */
export function clearStringsCache(): void {
  cache = undefined;
}

/** Replaces `{name}` placeholders; a placeholder without a value is an error, not blank text. */
export function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`No value for {${key}} in "${pattern}"`);
    return value;
  });
}
