/**
 * List numbering as Word counts it, read from word/numbering.xml: each level's start number and
 * format, each list instance's start overrides, and numbering that continues across interruptions
 * (a heading between paragraphs 4 and 5). Converters that map lists alone lose both.
 */
import { Parser } from 'htmlparser2';

export interface LevelFormat {
  start: number;
  /** `decimal`, `lowerLetter`, `upperRoman`, `bullet`, … */
  format: string;
  /** `%1.`, `(%2)`. */
  text: string;
}

interface NumInstance {
  abstractId: string;
  overrides: Map<number, number>;
}

export interface Numbering {
  /** The level's format and the paragraph's number, counting from the paragraphs before it. */
  next(numId: string, ilvl: number): { level: LevelFormat; value: number } | undefined;
}

export function readNumbering(xml: string | undefined): Numbering {
  const abstracts = new Map<string, Map<number, LevelFormat>>();
  const nums = new Map<string, NumInstance>();
  let abstract: Map<number, LevelFormat> | undefined;
  let level: LevelFormat | undefined;
  let num: NumInstance | undefined;
  let overrideLevel: number | undefined;
  if (xml) {
    const parser = new Parser(
      {
        onopentag(name, a) {
          const val = a['w:val'] ?? '';
          if (name === 'w:abstractNum') {
            abstract = new Map();
            abstracts.set(a['w:abstractNumId'] ?? '', abstract);
          } else if (name === 'w:lvl' && abstract) {
            level = { start: 1, format: 'decimal', text: '' };
            abstract.set(Number(a['w:ilvl'] ?? 0), level);
          } else if (name === 'w:start' && level) level.start = Number(val) || 0;
          else if (name === 'w:numFmt' && level) level.format = val;
          else if (name === 'w:lvlText' && level) level.text = val;
          else if (name === 'w:num') {
            num = { abstractId: '', overrides: new Map() };
            nums.set(a['w:numId'] ?? '', num);
          } else if (name === 'w:abstractNumId' && num) num.abstractId = val;
          else if (name === 'w:lvlOverride' && num) overrideLevel = Number(a['w:ilvl'] ?? 0);
          else if (name === 'w:startOverride' && num && overrideLevel !== undefined) {
            num.overrides.set(overrideLevel, Number(val) || 0);
          }
        },
        onclosetag(name) {
          if (name === 'w:abstractNum') abstract = undefined;
          else if (name === 'w:lvl') level = undefined;
          else if (name === 'w:num') num = undefined;
          else if (name === 'w:lvlOverride') overrideLevel = undefined;
        },
      },
      { xmlMode: true },
    );
    parser.end(xml);
  }

  // Word counts per abstract list: list instances that share one continue each other's numbers,
  // unless an instance overrides a level's start, which restarts it the first time it is used.
  const counters = new Map<string, (number | undefined)[]>();
  const used = new Set<string>();
  return {
    next(numId, ilvl) {
      const instance = nums.get(numId);
      const format = instance && abstracts.get(instance.abstractId)?.get(ilvl);
      if (!instance || !format) return undefined;
      const levels = counters.get(instance.abstractId) ?? [];
      counters.set(instance.abstractId, levels);
      const override = used.has(numId) ? undefined : instance.overrides.get(ilvl);
      if (override !== undefined) used.add(numId);
      const previous = levels[ilvl];
      const value = override ?? (previous === undefined ? format.start : previous + 1);
      levels[ilvl] = value;
      levels.length = ilvl + 1;
      return { level: format, value };
    },
  };
}

const ROMAN: [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

const roman = (value: number): string => {
  let rest = value;
  let out = '';
  for (const [n, s] of ROMAN) {
    while (rest >= n) {
      out += s;
      rest -= n;
    }
  }
  return out;
};

const letter = (value: number): string => {
  const n = Math.max(1, value);
  return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
};

/** The number as its level prints it: `3.`, `(c)`, `IV.` (other levels' numbers are left out). */
export function label(level: LevelFormat, value: number): string {
  const formatted =
    level.format === 'lowerLetter'
      ? letter(value)
      : level.format === 'upperLetter'
        ? letter(value).toUpperCase()
        : level.format === 'lowerRoman'
          ? roman(value)
          : level.format === 'upperRoman'
            ? roman(value).toUpperCase()
            : String(value);
  const text = level.text || '%1.';
  return text.replace(/%\d/, formatted).replace(/%\d/g, '').trim();
}
