/**
 * A CFF table read without its charstrings. In the pinned Chinese font the glyph outlines (the
 * CharStrings INDEX data) are most of its 14 MB, yet a document draws a few hundred glyphs. The
 * subsetter therefore gets the table with everything else in place (header, dictionaries,
 * subroutines, charset, FDSelect, the charstring offsets) and the charstring bytes left zero, and
 * the outlines of the glyphs a subset keeps are read from the file into their places just before
 * subsetting. hb-subset reads only the charstrings of the glyphs it keeps, so its output is the
 * same as with the whole table in memory (test/typeset-subset.test.ts compares), and the pages of
 * WASM memory that are never written cost no RSS.
 */
import { closeSync, openSync } from 'node:fs';
import { readExactly, type TableRecord } from './sfnt.ts';

/** The lazily read charstrings of one CFF table copied to `bytes` at `at`. */
export interface LazyCharStrings {
  /** Reads the outlines of `gids` (if not read yet) from the font file into the copy. */
  load(path: string, gids: Iterable<number>): void;
}

/** CFF DICT operator of the CharStrings INDEX offset (Top DICT). */
const CHARSTRINGS = 17;

/** Reads an INDEX header at `pos`: entry count, offset size and where its offsets start. */
const indexAt = (bytes: Uint8Array, pos: number): { count: number; offSize: number; offsets: number } => {
  const count = ((bytes[pos] ?? 0) << 8) | (bytes[pos + 1] ?? 0);
  return { count, offSize: count === 0 ? 0 : (bytes[pos + 2] ?? 0), offsets: pos + 3 };
};

const offsetAt = (bytes: Uint8Array, at: number, offSize: number): number => {
  let v = 0;
  for (let k = 0; k < offSize; k++) v = v * 256 + (bytes[at + k] ?? 0);
  return v;
};

/** Position just past an INDEX at `pos`. */
const indexEnd = (bytes: Uint8Array, pos: number): number => {
  const { count, offSize, offsets } = indexAt(bytes, pos);
  if (count === 0) return pos + 2;
  const last = offsetAt(bytes, offsets + count * offSize, offSize);
  return offsets + (count + 1) * offSize - 1 + last;
};

/** The integer operand before `operator` in a DICT (`from`..`to`), or undefined. */
const dictInteger = (bytes: Uint8Array, from: number, to: number, operator: number): number | undefined => {
  const operands: number[] = [];
  let p = from;
  while (p < to) {
    const b0 = bytes[p] ?? 0;
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + (bytes[p + 1] ?? 0) : b0;
      if (op === operator) return operands.at(-1);
      operands.length = 0;
      p += b0 === 12 ? 2 : 1;
    } else if (b0 === 28) {
      operands.push((((bytes[p + 1] ?? 0) << 24) | ((bytes[p + 2] ?? 0) << 16)) >> 16);
      p += 3;
    } else if (b0 === 29) {
      operands.push(
        ((bytes[p + 1] ?? 0) << 24) |
          ((bytes[p + 2] ?? 0) << 16) |
          ((bytes[p + 3] ?? 0) << 8) |
          (bytes[p + 4] ?? 0),
      );
      p += 5;
    } else if (b0 === 30) {
      // Real number: nibbles up to an 0xf nibble; not needed here, skipped.
      p++;
      while (p < to) {
        const b = bytes[p++] ?? 0xff;
        if ((b & 0x0f) === 0x0f || (b & 0xf0) === 0xf0) break;
      }
      operands.push(Number.NaN);
    } else if (b0 >= 32 && b0 <= 246) {
      operands.push(b0 - 139);
      p++;
    } else if (b0 >= 247 && b0 <= 250) {
      operands.push((b0 - 247) * 256 + (bytes[p + 1] ?? 0) + 108);
      p += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      operands.push(-(b0 - 251) * 256 - (bytes[p + 1] ?? 0) - 108);
      p += 2;
    } else {
      return undefined; // reserved byte: not a DICT we understand
    }
  }
  return undefined;
};

/** How much of the table to read before its Top DICT can be parsed. */
const PREFIX = 64 * 1024;

/**
 * Copies the CFF table `table` of the file open as `fd` to `bytes` at `at`, except its charstring
 * bytes; returns how to read those later, or undefined when the whole table was copied (a small
 * font, or a layout this reader does not expect).
 */
export const copyCffWithoutCharStrings = (
  fd: number,
  table: TableRecord,
  bytes: Uint8Array,
  at: number,
): LazyCharStrings | undefined => {
  const whole = (): undefined => {
    readExactly(fd, bytes, table.offset, at, table.length);
    return undefined;
  };
  const prefix = Math.min(PREFIX, table.length);
  readExactly(fd, bytes, table.offset, at, prefix);
  // Header, Name INDEX, Top DICT INDEX: where the CharStrings INDEX starts.
  const hdrSize = bytes[at + 2] ?? 4;
  const topIndex = indexEnd(bytes, at + hdrSize);
  if (topIndex + 3 > at + prefix) return whole();
  const top = indexAt(bytes, topIndex);
  if (top.count !== 1) return whole();
  const dataBase = top.offsets + 2 * top.offSize - 1;
  const dictStart = dataBase + offsetAt(bytes, top.offsets, top.offSize);
  const dictEnd = dataBase + offsetAt(bytes, top.offsets + top.offSize, top.offSize);
  if (dictEnd > at + prefix) return whole();
  const charStrings = dictInteger(bytes, dictStart, dictEnd, CHARSTRINGS);
  if (charStrings === undefined || !Number.isInteger(charStrings) || charStrings <= 0) return whole();

  // Everything up to the end of the charstring offsets, then everything after the charstrings.
  let done = prefix;
  const readTo = (end: number): void => {
    if (end > done) readExactly(fd, bytes, table.offset + done, at + done, end - done);
    done = Math.max(done, end);
  };
  if (charStrings + 3 > table.length) return whole();
  readTo(charStrings + 3);
  const cs = indexAt(bytes, at + charStrings);
  const offsetsEnd = charStrings + 3 + (cs.count + 1) * cs.offSize;
  if (cs.count === 0 || cs.offSize < 1 || cs.offSize > 4 || offsetsEnd > table.length) return whole();
  readTo(offsetsEnd);
  const base = offsetsEnd - 1; // offsets count from 1
  const offset = (gid: number): number =>
    offsetAt(bytes, at + charStrings + 3 + gid * cs.offSize, cs.offSize);
  const dataEnd = base + offset(cs.count);
  if (dataEnd > table.length || base + offset(0) !== offsetsEnd) return whole();
  // The charstring bytes are left as they are: never written, they are zero pages that take no
  // memory, and nothing reads a glyph's bytes before `load` has put them there. (Any the prefix
  // read are simply there already.)
  if (dataEnd < table.length)
    readExactly(
      fd,
      bytes,
      table.offset + Math.max(dataEnd, done),
      at + Math.max(dataEnd, done),
      table.length - Math.max(dataEnd, done),
    );

  const loaded = new Uint8Array(cs.count);
  return {
    load(path, gids) {
      const wanted = [...new Set(gids)]
        .filter((g) => g >= 0 && g < cs.count && !loaded[g])
        .sort((a, b) => a - b);
      if (wanted.length === 0) return;
      const file = openSync(path, 'r');
      try {
        let i = 0;
        while (i < wanted.length) {
          // One read for each run of consecutive glyph ids.
          const first = wanted[i] ?? 0;
          let last = first;
          while (i + 1 < wanted.length && wanted[i + 1] === last + 1) {
            i++;
            last++;
          }
          i++;
          const from = base + offset(first);
          const to = base + offset(last + 1);
          if (to > from) readExactly(file, bytes, table.offset + from, at + from, to - from);
          for (let g = first; g <= last; g++) loaded[g] = 1;
        }
      } finally {
        closeSync(file);
      }
    },
  };
};
