/**
 * Font subsetting with HarfBuzz's hb-subset, through the raw C API of the `harfbuzz-subset.wasm`
 * that ships with harfbuzzjs (its JS API has no subsetting). The module has no imports, so a
 * plain `WebAssembly.instantiate` is enough; it is compiled once per process.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { copyCffWithoutCharStrings, type LazyCharStrings } from './cff-charstrings.ts';
import { copySfntTables } from './sfnt.ts';

/** The slice of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface Wasm {
  compile(bytes: Uint8Array): Promise<object>;
  Instance: new (module: object, imports: object) => { exports: object };
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

interface SubsetExports {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_length(blob: number): number;
  hb_blob_get_data(blob: number, lengthPtr: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_set(input: number, setType: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
  _initialize?: () => void;
}

/** `hb_subset_sets_t` */
const SETS = { glyphIndex: 0, unicode: 1, dropTableTag: 3, nameId: 4 } as const;
/** `hb_subset_flags_t` */
const FLAGS = { noHinting: 0x1, retainGids: 0x2, desubroutinize: 0x4, notdefOutline: 0x40 } as const;
/** `HB_MEMORY_MODE_READONLY`: HarfBuzz reads our copy in place, which lives as long as the face. */
const MEMORY_MODE_READONLY = 1;

const tag = (s: string): number =>
  ((s.charCodeAt(0) << 24) | (s.charCodeAt(1) << 16) | (s.charCodeAt(2) << 8) | s.charCodeAt(3)) >>> 0;

/** Tables a PDF viewer never reads from an embedded font (shaping is already done). */
export const LAYOUT_TABLES = new Set([
  'GSUB',
  'GPOS',
  'GDEF',
  'BASE',
  'JSTF',
  'MATH',
  'kern',
  'morx',
  'DSIG',
  'vhea',
  'vmtx',
  'VORG',
]);

export interface SubsetRequest {
  /** Glyph ids to keep (glyph 0 is always kept). */
  glyphs?: Iterable<number>;
  /** Code points to keep, with the glyphs the layout tables reach from them. */
  unicodes?: Iterable<number>;
  /** Keep glyph ids unchanged (TrueType in PDF with CIDToGIDMap Identity). */
  retainGids: boolean;
  /** Drop GSUB/GPOS/GDEF and other tables only shaping needs. */
  dropLayout: boolean;
  /** Drop hinting instructions (TrueType) or hints (CFF stem hints and hint masks). */
  dropHinting: boolean;
  /** CFF: inline the subroutines into the charstrings (smaller once compressed, and faster). */
  desubroutinize?: boolean;
}

/** A font face loaded once into the subsetter's memory (a large CFF face without its outlines, read glyph by glyph as subsets need them). */
export interface SubsetFace {
  subset(request: SubsetRequest): Uint8Array;
}

export interface Subsetter {
  /**
   * Opens the font file at `path` (a plain sfnt), reading the tables `keep` accepts straight into
   * the subsetter's memory: no copy of the font stays in JavaScript memory.
   */
  openFile(path: string, keep?: (tag: string) => boolean, options?: { lazyOutlines?: boolean }): SubsetFace;
}

let loaded: Promise<Subsetter> | undefined;

/** The process-wide subsetter; the WASM is compiled on first use. */
export const loadSubsetter = (): Promise<Subsetter> => {
  loaded ??= instantiate();
  return loaded;
};

/** Fonts smaller than this share one WASM instance; larger ones get their own. */
const SHARED_LIMIT = 8 * 1024 * 1024;

const instantiate = async (): Promise<Subsetter> => {
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
  const module = await wasm.compile(await readFile(wasmPath));
  const newInstance = (): SubsetExports => {
    const hb = new wasm.Instance(module, {}).exports as unknown as SubsetExports;
    hb._initialize?.();
    return hb;
  };
  // The module's memory is fixed at 65 MB and cannot grow: small fonts (the TrueType faces, a few
  // hundred KB each) share one instance, and each large one (a CJK face) has its own, so it leaves
  // enough room for the subsetting work.
  let shared: SubsetExports | undefined;

  const openFile = (
    path: string,
    keep: (tag: string) => boolean = () => true,
    { lazyOutlines = true } = {},
  ): SubsetFace => {
    let hb: SubsetExports | undefined;
    let lazy: LazyCharStrings | undefined;
    const { at: data, size } = copySfntTables(
      path,
      keep,
      (length) => {
        if (length < SHARED_LIMIT) shared ??= newInstance();
        hb = length < SHARED_LIMIT && shared ? shared : newInstance();
        const at = hb.malloc(length);
        if (at === 0) throw new Error(`font of ${length} bytes does not fit the subsetter's memory`);
        return { bytes: new Uint8Array(hb.memory.buffer), at };
      },
      (fd, table, bytes, at) => {
        if (!lazyOutlines || table.tag !== 'CFF ' || table.length < SHARED_LIMIT) return false;
        lazy = copyCffWithoutCharStrings(fd, table, bytes, at);
        return true;
      },
    );
    if (!hb) throw new Error(`no font data in ${path}`);
    const face = openBlob(hb, data, size);
    return {
      subset(request) {
        lazy?.load(path, [0, ...(request.glyphs ?? [])]);
        return subsetFace(hb as SubsetExports, face, request);
      },
    };
  };
  return { openFile };
};

const openBlob = (hb: SubsetExports, data: number, size: number): number => {
  const blob = hb.hb_blob_create(data, size, MEMORY_MODE_READONLY, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  return face;
};

const subsetFace = (hb: SubsetExports, face: number, request: SubsetRequest): Uint8Array => {
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('hb_subset_input_create_or_fail failed');
  try {
    const glyphSet = hb.hb_subset_input_set(input, SETS.glyphIndex);
    const unicodeSet = hb.hb_subset_input_set(input, SETS.unicode);
    hb.hb_set_clear(unicodeSet);
    hb.hb_set_add(glyphSet, 0);
    for (const gid of request.glyphs ?? []) hb.hb_set_add(glyphSet, gid);
    for (const cp of request.unicodes ?? []) hb.hb_set_add(unicodeSet, cp);
    if (request.dropLayout) {
      const drop = hb.hb_subset_input_set(input, SETS.dropTableTag);
      for (const t of LAYOUT_TABLES) hb.hb_set_add(drop, tag(t));
    }
    let flags = FLAGS.notdefOutline;
    if (request.retainGids) flags |= FLAGS.retainGids;
    if (request.dropHinting) flags |= FLAGS.noHinting;
    if (request.desubroutinize) flags |= FLAGS.desubroutinize;
    hb.hb_subset_input_set_flags(input, flags);

    const result = hb.hb_subset_or_fail(face, input);
    if (result === 0) throw new Error('hb_subset_or_fail failed');
    const out = hb.hb_face_reference_blob(result);
    const lengthPtr = hb.malloc(4);
    const ptr = hb.hb_blob_get_data(out, lengthPtr);
    const length = new DataView(hb.memory.buffer).getUint32(lengthPtr, true);
    const copy = new Uint8Array(hb.memory.buffer).slice(ptr, ptr + length);
    hb.free(lengthPtr);
    hb.hb_blob_destroy(out);
    hb.hb_face_destroy(result);
    return copy;
  } finally {
    hb.hb_subset_input_destroy(input);
  }
};
