export type { LinePiece, PlacedGlyph, TypesetLine } from './set-line.ts';
export type { FontRole, ParagraphStyle, Run, SetLine, Typesetter } from './types.ts';
export { createTypesetter, type DistrTypesetter } from './typesetter.ts';
