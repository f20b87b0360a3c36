/**
 * Ordinal numbers in words, as the UN spells them in session and year lines
 * ("Seventy-ninth session", "Quatre-vingtième année", "第八十年", "الدورة التاسعة والسبعون").
 * Every form is built by rule from a small vocabulary of words, never tabulated per number.
 */
import type { Lang } from './languages.ts';

export type Gender = 'masculine' | 'feminine';

export interface OrdinalOptions {
  /** Grammatical gender of the noun the ordinal qualifies (French 1st, Spanish, Russian, Arabic). */
  gender?: Gender;
  /** The ordinal stands right before its noun: Spanish then apocopates `primero`/`tercero`. */
  beforeNoun?: boolean;
}

/** Highest number the rules below cover (GA session 150, SC year 2095 − 1945). */
export const MAX_ORDINAL = 199;

/** The ordinal of `n` in words, lower case (Chinese and Arabic have no case). */
export function ordinal(n: number, lang: Lang, options: OrdinalOptions = {}): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_ORDINAL) {
    throw new RangeError(`Ordinal out of range 1–${MAX_ORDINAL}: ${n}`);
  }
  const gender = options.gender ?? 'masculine';
  switch (lang) {
    case 'en':
      return english(n);
    case 'fr':
      return french(n, gender);
    case 'es':
      return spanish(n, gender, options.beforeNoun ?? false);
    case 'ru':
      return russian(n, gender);
    case 'zh':
      return `第${chineseNumeral(n)}`;
    case 'ar':
      return arabic(n, gender);
  }
}

/** Upper-cases the first letter, as on the masthead ("Septuagésimo noveno período de sesiones"). */
export function capitalizeFirst(text: string, lang: Lang): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toLocaleUpperCase(lang) + text.slice(head.length);
}

/** Replaces the last word (after a space or hyphen) of a cardinal by its ordinal. */
function ordinalizeLastWord(cardinal: string, toOrdinal: (word: string) => string): string {
  const cut = Math.max(cardinal.lastIndexOf(' '), cardinal.lastIndexOf('-')) + 1;
  return cardinal.slice(0, cut) + toOrdinal(cardinal.slice(cut));
}

// English ---------------------------------------------------------------------------------------

const EN_UNITS = [
  '',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
/** The only English ordinals that are not cardinal + "th". */
const EN_IRREGULAR: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

function englishCardinal(n: number): string {
  if (n >= 100) {
    const rest = n % 100;
    // UN English: "one hundred and first session".
    return `${EN_UNITS[Math.floor(n / 100)]} hundred${rest ? ` and ${englishCardinal(rest)}` : ''}`;
  }
  if (n < 20) return at(EN_UNITS, n);
  const unit = n % 10;
  return at(EN_TENS, Math.floor(n / 10)) + (unit ? `-${at(EN_UNITS, unit)}` : '');
}

function english(n: number): string {
  return ordinalizeLastWord(englishCardinal(n), (word) => {
    const irregular = EN_IRREGULAR[word];
    if (irregular) return irregular;
    return word.endsWith('y') ? `${word.slice(0, -1)}ieth` : `${word}th`;
  });
}

// French ----------------------------------------------------------------------------------------

const FR_UNITS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
];
const FR_TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

/** Traditional spelling (the UN's): "vingt et un", "soixante et onze", "quatre-vingt-un", "cent un". */
function frenchCardinal(n: number): string {
  // Up to MAX_ORDINAL there is a single hundred: "cent", "cent un", "cent vingt et un".
  if (n >= 100) return n === 100 ? 'cent' : `cent ${frenchCardinal(n - 100)}`;
  if (n <= 16) return at(FR_UNITS, n);
  if (n < 20) return `dix-${at(FR_UNITS, n - 10)}`;
  if (n >= 80) return n === 80 ? 'quatre-vingts' : `quatre-vingt-${frenchCardinal(n - 80)}`;
  if (n >= 70) return n === 71 ? 'soixante et onze' : `soixante-${frenchCardinal(n - 60)}`;
  const unit = n % 10;
  const tens = at(FR_TENS, Math.floor(n / 10));
  if (unit === 0) return tens;
  return unit === 1 ? `${tens} et un` : `${tens}-${at(FR_UNITS, unit)}`;
}

function french(n: number, gender: Gender): string {
  if (n === 1) return gender === 'feminine' ? 'première' : 'premier';
  return ordinalizeLastWord(frenchCardinal(n), (word) => {
    if (word === 'cinq') return 'cinquième';
    if (word === 'neuf') return 'neuvième';
    if (word === 'vingts') return 'vingtième';
    return `${word.replace(/e$/, '')}ième`;
  });
}

// Spanish ---------------------------------------------------------------------------------------

const ES_UNITS = [
  '',
  'primero',
  'segundo',
  'tercero',
  'cuarto',
  'quinto',
  'sexto',
  'séptimo',
  'octavo',
  'noveno',
];
const ES_TENS = [
  '',
  'décimo',
  'vigésimo',
  'trigésimo',
  'cuadragésimo',
  'quincuagésimo',
  'sexagésimo',
  'septuagésimo',
  'octogésimo',
  'nonagésimo',
];

function spanishMasculine(n: number): string[] {
  if (n >= 100) return ['centésimo', ...spanishMasculine(n - 100)];
  if (n === 0) return [];
  if (n === 11) return ['undécimo'];
  if (n === 12) return ['duodécimo'];
  // 13–19 are written as one word: decimotercero, decimoctavo (the two o's merge).
  if (n > 12 && n < 20) return [`decimo${at(ES_UNITS, n - 10)}`.replace('oo', 'o')];
  const unit = n % 10;
  const tens = Math.floor(n / 10);
  return [...(tens ? [at(ES_TENS, tens)] : []), ...(unit ? [at(ES_UNITS, unit)] : [])];
}

function spanish(n: number, gender: Gender, beforeNoun: boolean): string {
  const words = spanishMasculine(n);
  if (gender === 'feminine') return words.map((w) => w.replace(/o$/, 'a')).join(' ');
  const last = words.length - 1;
  // Apocope: "Octogésimo primer año", "Tercer período de sesiones".
  if (beforeNoun) words[last] = at(words, last).replace(/(primer|tercer)o$/, '$1');
  return words.join(' ');
}

// Russian ---------------------------------------------------------------------------------------

/** Masculine nominative ordinals; UN Russian writes е for ё ("четвертый"). */
const RU_UNITS = [
  '',
  'первый',
  'второй',
  'третий',
  'четвертый',
  'пятый',
  'шестой',
  'седьмой',
  'восьмой',
  'девятый',
  'десятый',
  'одиннадцатый',
  'двенадцатый',
  'тринадцатый',
  'четырнадцатый',
  'пятнадцатый',
  'шестнадцатый',
  'семнадцатый',
  'восемнадцатый',
  'девятнадцатый',
];
const RU_TENS_ORDINAL = [
  '',
  '',
  'двадцатый',
  'тридцатый',
  'сороковой',
  'пятидесятый',
  'шестидесятый',
  'семидесятый',
  'восьмидесятый',
  'девяностый',
];
const RU_TENS_CARDINAL = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
];

function russianMasculine(n: number): string {
  // Only the last word is an ordinal: "сто двадцать первый".
  if (n === 100) return 'сотый';
  if (n > 100) return `сто ${russianMasculine(n - 100)}`;
  if (n < 20) return at(RU_UNITS, n);
  const unit = n % 10;
  const tens = Math.floor(n / 10);
  return unit ? `${at(RU_TENS_CARDINAL, tens)} ${at(RU_UNITS, unit)}` : at(RU_TENS_ORDINAL, tens);
}

function russian(n: number, gender: Gender): string {
  const masculine = russianMasculine(n);
  if (gender === 'masculine') return masculine;
  // третий → третья; -ый/-ой → -ая.
  return masculine.endsWith('ий') ? `${masculine.slice(0, -2)}ья` : `${masculine.slice(0, -2)}ая`;
}

// Chinese ---------------------------------------------------------------------------------------

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 10 十, 11 十一, 20 二十, 105 一百零五, 110 一百一十. */
export function chineseNumeral(n: number): string {
  if (n >= 100) {
    const rest = n % 100;
    const head = `${at(ZH_DIGITS, Math.floor(n / 100))}百`;
    if (rest === 0) return head;
    if (rest < 10) return `${head}零${at(ZH_DIGITS, rest)}`;
    // Inside a larger number the tens keep their digit: 一百一十, not 一百十.
    return `${head}${at(ZH_DIGITS, Math.floor(rest / 10))}十${rest % 10 ? at(ZH_DIGITS, rest % 10) : ''}`;
  }
  if (n < 10) return at(ZH_DIGITS, n);
  const unit = n % 10;
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? at(ZH_DIGITS, tens) : ''}十${unit ? at(ZH_DIGITS, unit) : ''}`;
}

// Arabic ----------------------------------------------------------------------------------------

/** Definite nominative ordinals 1–10; feminine adds ة (الأولى for the first). */
const AR_UNITS: Record<Gender, string[]> = {
  masculine: [
    '',
    'الأول',
    'الثاني',
    'الثالث',
    'الرابع',
    'الخامس',
    'السادس',
    'السابع',
    'الثامن',
    'التاسع',
    'العاشر',
  ],
  feminine: [
    '',
    'الأولى',
    'الثانية',
    'الثالثة',
    'الرابعة',
    'الخامسة',
    'السادسة',
    'السابعة',
    'الثامنة',
    'التاسعة',
    'العاشرة',
  ],
};
/** In compounds "first" becomes الحادي/الحادية: الحادية عشرة, الحادية والعشرون. */
const AR_COMPOUND_ONE: Record<Gender, string> = { masculine: 'الحادي', feminine: 'الحادية' };
const AR_TEEN: Record<Gender, string> = { masculine: 'عشر', feminine: 'عشرة' };
/** Tens have one form for both genders (nominative, as on the masthead). */
const AR_TENS = [
  '',
  '',
  'العشرون',
  'الثلاثون',
  'الأربعون',
  'الخمسون',
  'الستون',
  'السبعون',
  'الثمانون',
  'التسعون',
];

function arabicUnit(unit: number, gender: Gender): string {
  return unit === 1 ? AR_COMPOUND_ONE[gender] : at(AR_UNITS[gender], unit);
}

function arabic(n: number, gender: Gender): string {
  if (n === 100) return 'المائة';
  // UN Arabic spells "hundred" المائة; 101st is "the first after the hundred".
  if (n > 100) return `${n === 101 ? AR_COMPOUND_ONE[gender] : arabic(n - 100, gender)} بعد المائة`;
  if (n <= 10) return at(AR_UNITS[gender], n);
  if (n < 20) return `${arabicUnit(n - 10, gender)} ${AR_TEEN[gender]}`;
  const unit = n % 10;
  const tens = at(AR_TENS, Math.floor(n / 10));
  return unit ? `${arabicUnit(unit, gender)} و${tens}` : tens;
}

function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new RangeError(`No entry ${index}`);
  return value;
}
