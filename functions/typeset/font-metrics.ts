/**
 * The font-wide numbers a PDF FontDescriptor needs, read from the `head`, `hhea`, `OS/2` and
 * `post` tables, in font units.
 */
import { sfntTable } from './sfnt.ts';

export interface FontMetrics {
  upem: number;
  bbox: [number, number, number, number];
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  weightClass: number;
  fixedPitch: boolean;
}

const view = (bytes: Uint8Array | undefined, tag: string): DataView => {
  if (!bytes) throw new Error(`font has no ${tag} table`);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

export const readFontMetrics = (font: Uint8Array): FontMetrics => {
  const head = view(sfntTable(font, 'head'), 'head');
  const hhea = view(sfntTable(font, 'hhea'), 'hhea');
  const post = view(sfntTable(font, 'post'), 'post');
  const os2Bytes = sfntTable(font, 'OS/2');
  const os2 = os2Bytes ? view(os2Bytes, 'OS/2') : undefined;
  const ascent = os2 ? os2.getInt16(68) : hhea.getInt16(4);
  const capHeight = os2 && os2.getUint16(0) >= 2 && os2.byteLength >= 90 ? os2.getInt16(88) : ascent;
  return {
    upem: head.getUint16(18),
    bbox: [head.getInt16(36), head.getInt16(38), head.getInt16(40), head.getInt16(42)],
    ascent,
    descent: os2 ? os2.getInt16(70) : hhea.getInt16(6),
    capHeight,
    italicAngle: post.getInt32(4) / 65536,
    weightClass: os2 ? os2.getUint16(4) : 400,
    fixedPitch: post.getUint32(12) !== 0,
  };
};
