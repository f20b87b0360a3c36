import { describe, expect, it } from 'vitest';
import {
  documentWords,
  foldText,
  hasWords,
  MAX_WORDS_PER_TITLE,
  queryWords,
  rarestWord,
  titleWords,
} from '../functions/domain/title-words.ts';
import { loadFixture } from './support/fixtures.ts';

/** Text as written, and as it is filed and searched for. */
const FOLDED = [
  { text: 'Secrétaire GÉNÉRAL Straße ＦＵＬＬ ﬁn', folded: 'secretaire general strasse full fin' },
  { text: 'Объединённых Наций', folded: 'объединенных нации' },
  // tashkeel, tatweel, hamza and madda on alef, alef maksura, teh marbuta, Arabic-Indic digits
  { text: 'الأُمَم المتـــحدة إلى آسيا ٢٠٢٥', folded: 'الامم المتحده الي اسيا 2025' },
];

describe('foldText', () => {
  it.each(FOLDED)(
    'folds case, width, diacritics and Arabic letter forms: $text → $folded',
    ({ text, folded }) => {
      expect(foldText(text)).toBe(folded);
    },
  );
});

describe('titleWords', () => {
  it('files the distinct words of each language, stop words and single letters left out', () => {
    const titles = Object.fromEntries(
      Object.entries(loadFixture().versions).map(([lang, version]) => [lang, version?.title ?? '']),
    );
    const words = documentWords(titles);
    expect(words.en?.slice(0, 6)).toEqual(['identical', 'letters', 'dated', '30', 'may', '2025']);
    expect(words.en).not.toContain('the');
    expect(words.fr).toEqual(expect.arrayContaining(['secretaire', 'allemagne', 'securite']));
    expect(words.fr).not.toContain('l');
    expect(words.ar).toEqual(expect.arrayContaining(['الامين', 'العام', 'المتحده']));
    // Chinese is cut by the ICU segmenter; one-character words count, 的 and 和 are stop words.
    expect(words.zh).toEqual(expect.arrayContaining(['德国', '秘书', '长', '安全', '理事', '会']));
    expect(words.zh).not.toContain('的');
  });

  it('keeps at most MAX_WORDS_PER_TITLE words, the first ones', () => {
    const title = Array.from({ length: 50 }, (_, i) => `word${i}`).join(' ');
    const words = titleWords(title, 'en');
    expect(words).toHaveLength(MAX_WORDS_PER_TITLE);
    expect(words[0]).toBe('word0');
  });
});

describe('queryWords, rarestWord and hasWords', () => {
  it('reads a query as the titles are read, in any language', () => {
    expect(queryWords('The Secrétaire-général')).toEqual(['secretaire', 'general']);
    expect(queryWords('الأمين العام')).toEqual(['الامين', 'العام']);
    expect(queryWords('秘书长的信')).toEqual(['秘书', '长', '信']);
    expect(queryWords('the of a')).toEqual([]);
    // a stop word of French only is kept when the language is English
    expect(queryWords('de gaulle', 'en')).toEqual(['de', 'gaulle']);
    expect(queryWords('de gaulle')).toEqual(['gaulle']);
  });

  it('looks up the longest word, letters before numbers', () => {
    expect(rarestWord(['2025', 'mali', 'peacekeeping'])).toBe('peacekeeping');
    expect(rarestWord(['20250603', 'mali'])).toBe('mali');
    expect(rarestWord(['长', '秘书'])).toBe('秘书');
    expect(rarestWord([])).toBeUndefined();
  });

  it('wants every word in one title', () => {
    const filed = { en: ['report', 'mali'], fr: ['rapport', 'mali'] };
    expect(hasWords(filed, ['report', 'mali'])).toBe(true);
    expect(hasWords(filed, ['report', 'rapport'])).toBe(false);
    expect(hasWords(filed, ['rapport'], 'en')).toBe(false);
    expect(hasWords(filed, ['rapport'], 'fr')).toBe(true);
  });
});
