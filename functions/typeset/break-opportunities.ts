/**
 * Where a line may end: UAX #14 (the `linebreak` package) tightened by the Chinese kinsoku rules,
 * so no line starts with closing punctuation and no line ends with an opening bracket.
 */
import LineBreaker from 'linebreak';

export interface BreakOpportunity {
  /** UTF-16 offset where the next line would start. */
  position: number;
  required: boolean;
}

/** Characters that must not start a line (closing marks, CJK small punctuation, ellipses…). */
export const NO_LINE_START = new Set(
  '，。、．：；？！…‥）》」』】〕〗〙〛〉｝］〟’”〞・·ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%‰℃°′″,.:;?!)]}»›～'.split(
    '',
  ),
);
/** Characters that must not end a line (opening brackets and quotes). */
export const NO_LINE_END = new Set('（《「『【〔〖〘〚〈｛［〝‘“([{«‹'.split(''));

export const breakOpportunities = (text: string): BreakOpportunity[] => {
  const breaker = new LineBreaker(text);
  const out: BreakOpportunity[] = [];
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    const { position, required } = bk;
    if (!required && position < text.length && violatesKinsoku(text, position)) continue;
    out.push({ position, required });
  }
  return out;
};

const violatesKinsoku = (text: string, position: number): boolean => {
  const next = text[position] ?? '';
  if (NO_LINE_START.has(next)) return true;
  // The last character before the break that is not a space.
  let k = position - 1;
  while (k >= 0 && /\s/.test(text[k] ?? '')) k--;
  return NO_LINE_END.has(text[k] ?? '');
};
