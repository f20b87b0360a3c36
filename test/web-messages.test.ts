/** The message files of the web pages: every key in every language, and each written in its own script. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../functions/domain/languages.ts';
import { loadMessages, messagesFile, messagesSchema } from '../functions/web/messages.ts';

/** Every key path of a JSON object: `form.symbol`, `notFound.title`. */
const keyPaths = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key))
    : [prefix];

const leaves = (value: unknown): string[] =>
  typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [String(value)];

const SCRIPTS = { ar: /\p{Script=Arabic}/u, zh: /\p{Script=Han}/u, ru: /\p{Script=Cyrillic}/u } as const;
/** Not words of any language: the format's name, and separators. */
const NEUTRAL = new Set(['PDF', '; ', '؛ ', '；', ' ; ']);

describe('the web message files', () => {
  const english = keyPaths(JSON.parse(readFileSync(messagesFile('en'), 'utf8'))).sort();

  it.each(LANGUAGES)('%s holds every key, and nothing else', (lang) => {
    expect(() => loadMessages(lang)).not.toThrow();
    expect(keyPaths(JSON.parse(readFileSync(messagesFile(lang), 'utf8'))).sort()).toEqual(english);
  });

  it('refuses a file with a key missing, naming it', () => {
    const complete = loadMessages('fr');
    const { latest: _dropped, ...missing } = complete;
    const parsed = messagesSchema.safeParse(missing);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain('latest');
    const { form, ...rest } = complete;
    const { submit: _gone, ...partialForm } = form;
    expect(messagesSchema.safeParse({ ...rest, form: partialForm }).success).toBe(false);
  });

  it.each(Object.keys(SCRIPTS) as (keyof typeof SCRIPTS)[])(
    'writes every %s message in its own script (no English left in)',
    (lang) => {
      // A string with no words of its own (placeholders, the format's name, punctuation) is no language.
      const words = (text: string) => text.replace(/\{\w+\}|PDF/g, '').replace(/[^\p{L}]/gu, '');
      const untranslated = leaves(loadMessages(lang)).filter(
        (text) => !NEUTRAL.has(text) && words(text) !== '' && !SCRIPTS[lang].test(text),
      );
      expect(untranslated).toEqual([]);
    },
  );

  it('differs from English in every Latin-script language, but for names and formats', () => {
    const en = loadMessages('en');
    for (const lang of ['fr', 'es'] as const) {
      const same = keyPaths(loadMessages(lang)).filter((path) => {
        const get = (m: unknown) => path.split('.').reduce((o, k) => (o as Record<string, unknown>)[k], m);
        return get(loadMessages(lang)) === get(en);
      });
      // Words spelled the same in both languages, checked one by one.
      const alike = {
        fr: [
          'document.distribution',
          'intake.noteVerbale',
          'intake.annexes',
          'consoleDocument.version',
          'consoleDocument.pages',
          'consoleDocument.links',
          'consoleDocument.distributeHeading',
          'submit.noteVerbale',
        ],
        es: ['document.size', 'consoleDocument.no'],
      }[lang];
      expect(
        same.filter((p) => !['results.pdfs', 'results.pdfSize', 'labelValue', 'listSeparator'].includes(p)),
        lang,
      ).toEqual(alike);
    }
  });
});
