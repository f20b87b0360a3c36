/** The six official languages of the United Nations, in the UN's own order (A, C, E, F, R, S). */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const isLang = (value: unknown): value is Lang =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The letter that follows the job number in a footer, e.g. `25-16785 (E)`. */
export const LANGUAGE_LETTER: Record<Lang, string> = { ar: 'A', zh: 'C', en: 'E', fr: 'F', ru: 'R', es: 'S' };

/** Writing direction of each language's running text. */
export const DIRECTION: Record<Lang, 'ltr' | 'rtl'> = {
  ar: 'rtl',
  zh: 'ltr',
  en: 'ltr',
  fr: 'ltr',
  ru: 'ltr',
  es: 'ltr',
};
