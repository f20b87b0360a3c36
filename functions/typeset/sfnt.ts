/**
 * Just enough of the OpenType container format (sfnt, and TTC collections of sfnts) to pull a
 * table out of a font.
 */

import { closeSync, openSync, readSync } from 'node:fs';

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

/** A table directory entry: where a table sits in the file. */
export interface TableRecord {
  tag: string;
  checksum: number;
  offset: number;
  length: number;
}

/** The version tag and table directory of a plain sfnt file (not a collection), read from `fd`. */
export const readTableDirectory = (fd: number): { version: number; tables: TableRecord[] } => {
  const head = new Uint8Array(12);
  readExactly(fd, head, 0);
  const view = new DataView(head.buffer);
  const version = view.getUint32(0);
  if (version === TTC_TAG) throw new Error('font collections are not supported here');
  const count = view.getUint16(4);
  const dir = new Uint8Array(16 * count);
  readExactly(fd, dir, 12);
  const d = new DataView(dir.buffer);
  const tables: TableRecord[] = [];
  for (let i = 0; i < count; i++) {
    const rec = 16 * i;
    tables.push({
      tag: String.fromCharCode(dir[rec] ?? 0, dir[rec + 1] ?? 0, dir[rec + 2] ?? 0, dir[rec + 3] ?? 0),
      checksum: d.getUint32(rec + 4),
      offset: d.getUint32(rec + 8),
      length: d.getUint32(rec + 12),
    });
  }
  return { version, tables };
};

/**
 * Lays out a new sfnt holding `tables` (copied from another file): its size, its header and
 * directory, and where each table's bytes go. Tables keep their order and checksums and start on
 * 4-byte boundaries.
 */
export const sfntLayout = (
  version: number,
  tables: readonly TableRecord[],
): { size: number; header: Uint8Array; at: number[] } => {
  const n = tables.length;
  const header = new Uint8Array(12 + 16 * n);
  const view = new DataView(header.buffer);
  let pow = 1;
  let log = 0;
  while (pow * 2 <= n) {
    pow *= 2;
    log++;
  }
  view.setUint32(0, version);
  view.setUint16(4, n);
  view.setUint16(6, pow * 16);
  view.setUint16(8, log);
  view.setUint16(10, n * 16 - pow * 16);
  let offset = header.length;
  const at: number[] = [];
  tables.forEach((t, i) => {
    const rec = 12 + 16 * i;
    for (let k = 0; k < 4; k++) header[rec + k] = t.tag.charCodeAt(k);
    view.setUint32(rec + 4, t.checksum);
    view.setUint32(rec + 8, offset);
    view.setUint32(rec + 12, t.length);
    at.push(offset);
    offset += (t.length + 3) & ~3;
  });
  return { size: offset, header, at };
};

/** Reads `target.length` bytes at `position` of `fd` into `target` (at `into`), or throws. */
export const readExactly = (
  fd: number,
  target: Uint8Array,
  position: number,
  into = 0,
  length?: number,
): void => {
  const want = length ?? target.length - into;
  let done = 0;
  while (done < want) {
    const n = readSync(fd, target, into + done, want - done, position + done);
    if (n === 0) throw new Error(`font file ends early (wanted ${want} bytes at ${position})`);
    done += n;
  }
};

/**
 * Copies the tables of the font file at `path` that `keep` accepts into a new sfnt, reading only
 * those tables. `alloc` gives the array to write into and where (a JS array, or WASM memory, so
 * a font needs no intermediate copy); returns that place and the sfnt's size.
 */
export const copySfntTables = (
  path: string,
  keep: (tag: string) => boolean,
  alloc: (size: number) => { bytes: Uint8Array; at: number },
  /** Copies a table its own way (returns true), or leaves it to the plain copy (false). */
  copyTable: (fd: number, table: TableRecord, bytes: Uint8Array, at: number) => boolean = () => false,
): { bytes: Uint8Array; at: number; size: number } => {
  const fd = openSync(path, 'r');
  try {
    const { version, tables } = readTableDirectory(fd);
    const kept = tables.filter((t) => keep(t.tag));
    const layout = sfntLayout(version, kept);
    const { bytes, at } = alloc(layout.size);
    bytes.set(layout.header, at);
    kept.forEach((t, i) => {
      const start = at + (layout.at[i] ?? 0);
      if (!copyTable(fd, t, bytes, start)) readExactly(fd, bytes, t.offset, start, t.length);
      bytes.fill(0, start + t.length, start + ((t.length + 3) & ~3)); // padding
    });
    return { bytes, at, size: layout.size };
  } finally {
    closeSync(fd);
  }
};
