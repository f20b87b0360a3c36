/**
 * The words of a title, as the search index files them and as a query names them: one normalizer for
 * both sides, so a word typed in any spelling the normalizer folds finds the title.
 *
 * Normalizing (by script, not by language, so a query needs no language to be read):
 *   - Unicode NFKC (full-width forms, ligatures, compatibility characters), then case folding
 *     (upper then lower case, which also folds `ß` to `ss` and a final `ς` to `σ`);
 *   - diacritics dropped: canonical decomposition, combining marks removed, recomposed
 *     (`é` → `e`, `ё` → `е`); in Arabic this also drops the short vowels and the hamza and madda
 *     carried on alef, waw and yeh (`أ إ آ` → `ا`);
 *   - Arabic: tatweel removed, `ٱ` → `ا`, `ى` → `ي`, `ة` → `ه`, Arabic-Indic digits → `0`–`9`;
 *   - anything but letters and digits separates words (`Secretary-General`, `l'Allemagne`, `/`).
 *
 * Chinese has no spaces: a run of Han characters is cut with ICU's dictionary segmenter
 * (`Intl.Segmenter('zh', { granularity: 'word' })`, built into Node), on the title and on the query
 * alike, so a query made of a title's words finds it however the segmenter cuts them
 * (`秘书长` → `秘书` `长` on both sides). Chosen over character bigrams because it files 40–50 %
 * fewer entries per title (each word once, not each pair of characters) and a one-character query
 * (`会`) still has a word to look up; its cost is that the cut follows Node's ICU data, so a
 * Node upgrade that changes it asks for a re-index (README, Search).
 *
 * Bounds: words of fewer than two characters are dropped (Chinese words are kept from one), so are
 * each language's stop words (templates/search/stop-words.json, kept short: the words of almost
 * every title), and a title files at most MAX_WORDS_PER_TITLE distinct words, the first ones.
 */
import stopWordLists from '../../templates/search/stop-words.json' with { type: 'json' };
import { LANGUAGES, type Lang } from './languages.ts';

/** Distinct words filed per title and language; UN titles rarely have more than twenty. */
export const MAX_WORDS_PER_TITLE = 32;

const HAN = /\p{Script=Han}/u;
const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669]/g;
const ARABIC_FOLDS: Record<string, string> = { ٱ: 'ا', ى: 'ي', ة: 'ه' };

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The text folded as above: case, width, diacritics, Arabic letter forms. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .normalize('NFC')
    .replace(/\u0640/g, '')
    .replace(/[ٱىة]/g, (c) => ARABIC_FOLDS[c] ?? c)
    .replace(ARABIC_INDIC_DIGIT, (d) => String(d.charCodeAt(0) - 0x0660));
}

/** Every word of the text in order, folded, Han runs segmented; nothing dropped yet. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const token of foldText(text).split(NOT_WORD)) {
    if (token === '') continue;
    if (!HAN.test(token)) {
      words.push(token);
      continue;
    }
    // A token mixing Han and other characters (`2025年5月`) is cut as Chinese throughout.
    for (const piece of segmenter.segment(token)) {
      if (piece.isWordLike) words.push(piece.segment);
    }
  }
  return words;
}

const longEnough = (word: string): boolean => HAN.test(word) || [...word].length >= 2;

const stopWords = (lang: Lang): ReadonlySet<string> => new Set(stopWordLists[lang].flatMap(splitWords));
const STOP_WORDS: Record<Lang, ReadonlySet<string>> = {
  ar: stopWords('ar'),
  zh: stopWords('zh'),
  en: stopWords('en'),
  fr: stopWords('fr'),
  ru: stopWords('ru'),
  es: stopWords('es'),
};
const ANY_STOP_WORD = new Set(LANGUAGES.flatMap((lang) => [...STOP_WORDS[lang]]));

/** The words a title in `lang` is filed under: distinct, in order, at most MAX_WORDS_PER_TITLE. */
export function titleWords(title: string, lang: Lang): string[] {
  const stop = STOP_WORDS[lang];
  const words = new Set<string>();
  for (const word of splitWords(title)) {
    if (words.size >= MAX_WORDS_PER_TITLE) break;
    if (longEnough(word) && !stop.has(word)) words.add(word);
  }
  return [...words];
}

/** Each language's title words (the languages with a title only). */
export function documentWords(titles: Partial<Record<Lang, string>>): Partial<Record<Lang, string[]>> {
  const words: Partial<Record<Lang, string[]>> = {};
  for (const lang of LANGUAGES) {
    const title = titles[lang];
    if (title !== undefined) words[lang] = titleWords(title, lang);
  }
  return words;
}

/**
 * The words a query asks for, distinct: stop words of `lang` left out, or of any language when no
 * language is given (a title never files them, so requiring one would find nothing).
 */
export function queryWords(text: string, lang?: Lang): string[] {
  const stop = lang ? STOP_WORDS[lang] : ANY_STOP_WORD;
  return [...new Set(splitWords(text).filter((word) => longEnough(word) && !stop.has(word)))];
}

/**
 * The word whose index partition is likely the smallest: the longest (a Chinese character counts
 * as three letters, about what it tells apart), words of letters before numbers (years and dates
 * are in many titles), the first on a tie.
 */
export function rarestWord(words: readonly string[]): string | undefined {
  const weight = (word: string) =>
    (/^\p{N}+$/u.test(word) ? 0 : 1000) + [...word].reduce((n, c) => n + (HAN.test(c) ? 3 : 1), 0);
  let best: string | undefined;
  for (const word of words) if (best === undefined || weight(word) > weight(best)) best = word;
  return best;
}

/** Whether one title (of `lang`, or of any language) holds every word. */
export function hasWords(
  filed: Partial<Record<Lang, readonly string[]>>,
  words: readonly string[],
  lang?: Lang,
): boolean {
  const languages = lang ? [lang] : LANGUAGES;
  return languages.some((l) => {
    const set = filed[l];
    return set !== undefined && words.every((word) => set.includes(word));
  });
}
