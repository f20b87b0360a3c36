/**
 * Just enough of the OpenType container format (sfnt, and TTC collections of sfnts) to pull a
 * table out of a font.
 */

export interface SfntTable {
  tag: string;
  data: Uint8Array;
}

const TTC_TAG = 0x74746366; // 'ttcf'

/** Offset of the table directory of face `index` (0 for a plain sfnt). */
const faceOffset = (bytes: Uint8Array, index: number): number => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== TTC_TAG) {
    if (index !== 0) throw new Error(`not a font collection, cannot open face ${index}`);
    return 0;
  }
  const count = view.getUint32(8);
  if (index < 0 || index >= count) throw new Error(`face ${index} out of range (collection has ${count})`);
  return view.getUint32(12 + 4 * index);
};

/** The version tag (`0x00010000` or `OTTO`) and tables of one face, in directory order. */
export const readSfnt = (bytes: Uint8Array, index = 0): { version: number; tables: SfntTable[] } => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dir = faceOffset(bytes, index);
  const version = view.getUint32(dir);
  const numTables = view.getUint16(dir + 4);
  const tables: SfntTable[] = [];
  for (let i = 0; i < numTables; i++) {
    const rec = dir + 12 + 16 * i;
    const tag = String.fromCharCode(
      bytes[rec] ?? 0,
      bytes[rec + 1] ?? 0,
      bytes[rec + 2] ?? 0,
      bytes[rec + 3] ?? 0,
    );
    const offset = view.getUint32(rec + 8);
    const length = view.getUint32(rec + 12);
    tables.push({ tag, data: bytes.subarray(offset, offset + length) });
  }
  return { version, tables };
};

/** The bytes of one table, or undefined when the face has none. */
export const sfntTable = (bytes: Uint8Array, tag: string, index = 0): Uint8Array | undefined =>
  readSfnt(bytes, index).tables.find((t) => t.tag === tag)?.data;
