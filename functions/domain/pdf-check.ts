/**
 * Checks that bytes are a PDF Distr can place as an annex: parses, is not encrypted, has pages, and
 * stays within the annex ceiling, so that nothing accepted here can later fail or stall a render.
 *
 * A PDF is hostile input: a 2 KB file whose page-tree nodes each list the next node twice claims
 * 2^20 pages, a few KB of deflated zeros inflate to gigabytes, a cross-reference stream can declare
 * a billion entries. pdf-lib trusts all of that: it walks page trees recursively without noticing
 * shared or cyclic nodes, and inflates object and cross-reference streams while parsing, with no
 * limit. So every structure is measured here before pdf-lib is allowed to act on it:
 *
 * - object and cross-reference streams (the only streams pdf-lib decodes; page content and images
 *   are copied as they are) must be FlateDecode or unfiltered, inflate to at most
 *   MAX_DECODED_STREAM_BYTES each and MAX_DECODED_TOTAL_BYTES together, and declare no more
 *   entries than their bytes can hold;
 * - the page tree is walked iteratively: every node at most once (shared kids and cycles are
 *   refused), at most MAX_PAGE_TREE_DEPTH deep, at most MAX_ANNEX_PAGES leaves, and each page's
 *   `/Parent` chain must end within the depth limit (pdf-lib climbs it to inherit attributes);
 * - direct objects nest at most MAX_OBJECT_NESTING deep (pdf-lib copies and writes them
 *   recursively);
 * - finally the pages are copied into a scratch document and written, exactly as the renderer
 *   will, so a structure pdf-lib cannot copy is refused now rather than at distribution.
 *
 * Cross-reference chains (`/Prev`) are never followed: pdf-lib reads objects in file order.
 *
 * This is the pure check; it is bounded by structure but still costs up to a few seconds of CPU
 * on a 20 MB file, so the service runs it in a worker thread with a deadline and a heap limit
 * (adapters/pdf-check-runner.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { constants, inflateRawSync } from 'node:zlib';
import {
  ParseSpeeds,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFObjectStreamParser,
  PDFPageLeaf,
  PDFPageTree,
  type PDFRawStream,
  PDFRef,
  PDFStream,
  PDFXRefStreamParser,
} from 'pdf-lib';
import { MAX_ATTACHMENT_BYTES } from './submission-record.ts';

/**
 * The annex ceiling. Bytes: the upload limit. Pages: UN annexes (reports, lists, tables sent with
 * a letter) rarely exceed a few hundred pages; 1,000 leaves room for the longest while bounding a
 * render, which copies every page into each of six language versions (a 10,000-page annex took
 * 9.3 s and 0.9 GB for one language).
 */
export const MAX_ANNEX_BYTES = MAX_ATTACHMENT_BYTES;
export const MAX_ANNEX_PAGES = 1_000;
/** A balanced tree of 1,000 pages is 3 levels deep with the usual fan-out, 10 with fan-out 2. */
export const MAX_PAGE_TREE_DEPTH = 32;
/** Arrays and dictionaries inside one object: real files nest a handful of levels. */
export const MAX_OBJECT_NESTING = 64;
/** One object or cross-reference stream, inflated; real ones hold a few hundred KB. */
export const MAX_DECODED_STREAM_BYTES = 16 * 1024 * 1024;
/** All object and cross-reference streams of one file, inflated (pdf-lib inflates them in JS). */
export const MAX_DECODED_TOTAL_BYTES = 32 * 1024 * 1024;

export type PdfCheck =
  | { ok: true; pages: number; bytes: number; sha256: string }
  | { ok: false; error: string; bytes: number; sha256: string };

/** A structure over one of the limits above; its message is the refusal the mission reads. */
export class PdfLimitError extends Error {}

// --- Object and cross-reference streams ---------------------------------------------------------

interface StreamBudget {
  /** Bytes inflated so far. */
  decoded: number;
  /** The first limit a stream broke: pdf-lib swallows errors thrown while it parses. */
  breach?: string;
}

/** The budget of the check under way (async-local, so concurrent checks keep their own). */
const checkBudget = new AsyncLocalStorage<StreamBudget>();
/** Outside a check (the renderer's parse): one budget per parse. */
const parseBudgets = new WeakMap<object, StreamBudget>();

const budgetOf = (stream: PDFRawStream): StreamBudget => {
  const current = checkBudget.getStore();
  if (current) return current;
  const key = stream.dict.context;
  let budget = parseBudgets.get(key);
  if (!budget) {
    budget = { decoded: 0 };
    parseBudgets.set(key, budget);
  }
  return budget;
};

/** How many bytes the stream inflates to, measured with zlib under the limits; throws past them. */
function decodedLength(stream: PDFRawStream, what: string): number {
  const budget = budgetOf(stream);
  const refuse = (message: string): never => {
    budget.breach ??= message;
    throw new PdfLimitError(message);
  };
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters =
    filter instanceof PDFArray ? filter.asArray().map((f) => stream.dict.context.lookup(f)) : [filter];
  const names = filters.filter((f) => f !== undefined);
  if (names.length === 0) return stream.contents.length;
  if (names.length > 1 || names[0] !== PDFName.of('FlateDecode')) {
    return refuse(`the PDF has ${what} with a filter other than FlateDecode`);
  }
  const data = stream.contents;
  // The zlib header, checked as pdf-lib does; the body is inflated raw so that, like pdf-lib, a
  // truncated stream or a wrong checksum is read as far as it goes.
  const [cmf = 0, flg = 0] = data;
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) + flg) % 31 !== 0)
    return refuse(`the PDF has ${what} that cannot be inflated`);
  const room = Math.min(MAX_DECODED_STREAM_BYTES, MAX_DECODED_TOTAL_BYTES - budget.decoded);
  let length: number;
  try {
    length = inflateRawSync(data.subarray(2), {
      maxOutputLength: Math.max(1, room),
      finishFlush: constants.Z_SYNC_FLUSH,
    }).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return refuse(
        room < MAX_DECODED_STREAM_BYTES
          ? `the PDF's object streams inflate to more than ${MAX_DECODED_TOTAL_BYTES} bytes together`
          : `the PDF has ${what} that inflates to more than ${MAX_DECODED_STREAM_BYTES} bytes`,
      );
    }
    return refuse(`the PDF has ${what} that cannot be inflated`);
  }
  budget.decoded += length;
  return length;
}

const count = (dict: PDFDict, key: string): number => {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : Number.NaN;
};

/**
 * pdf-lib decodes object and cross-reference streams through these two factories and nowhere
 * else, so they are measured here first, for every parse in this process (the renderer's too).
 */
function guardStreamParsers() {
  const marker = Symbol.for('distr.pdf-stream-guard');
  const holder = PDFObjectStreamParser as unknown as Record<symbol, boolean>;
  if (holder[marker]) return;
  holder[marker] = true;

  const objectStream = PDFObjectStreamParser.forStream;
  PDFObjectStreamParser.forStream = (stream, shouldWaitForTick) => {
    const length = decodedLength(stream, 'an object stream');
    const objects = count(stream.dict, 'N');
    // Each entry of the offset table takes at least four bytes ("1 0 ").
    if (!Number.isInteger(objects) || objects < 0 || objects * 4 > length) {
      budgetOf(stream).breach ??= 'the PDF has an object stream that declares more objects than it holds';
      throw new PdfLimitError('object stream entries');
    }
    return objectStream(stream, shouldWaitForTick);
  };

  const xrefStream = PDFXRefStreamParser.forStream;
  PDFXRefStreamParser.forStream = (stream) => {
    const length = decodedLength(stream, 'a cross-reference stream');
    const widths = stream.dict.lookup(PDFName.of('W'));
    const width =
      widths instanceof PDFArray
        ? widths
            .asArray()
            .reduce<number>((sum, w) => sum + (w instanceof PDFNumber ? w.asNumber() : Number.NaN), 0)
        : Number.NaN;
    const index = stream.dict.lookup(PDFName.of('Index'));
    const declared =
      index instanceof PDFArray
        ? index
            .asArray()
            .filter((_, i) => i % 2 === 1)
            .reduce<number>((sum, n) => sum + (n instanceof PDFNumber ? n.asNumber() : Number.NaN), 0)
        : count(stream.dict, 'Size');
    // pdf-lib reads past the end of the data without noticing, so the entries must fit in it.
    if (!(width >= 1 && width <= 32) || !(declared >= 0) || declared * width > length) {
      budgetOf(stream).breach ??=
        'the PDF has a cross-reference stream that declares more entries than it holds';
      throw new PdfLimitError('cross-reference entries');
    }
    return xrefStream(stream);
  };
}
guardStreamParsers();

// --- The page tree ------------------------------------------------------------------------------

/**
 * Walks the page tree the way pdf-lib's traversal does (kids in order, pages are PDFPageLeaf,
 * subtrees PDFPageTree, anything else skipped), without recursion and refusing what would make
 * that traversal loop, repeat or run deep. Returns the number of pages.
 */
export function countPages(doc: PDFDocument, maxPages = MAX_ANNEX_PAGES): number {
  const { context } = doc;
  const catalog = context.lookup(context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict)) throw new PdfLimitError('the PDF has no document catalog');
  const root = context.lookup(catalog.get(PDFName.of('Pages')));
  if (!(root instanceof PDFPageTree)) throw new PdfLimitError("the PDF's catalog has no page tree");
  const seen = new Set<unknown>([root]);
  const stack: { node: PDFPageTree; depth: number }[] = [{ node: root, depth: 1 }];
  const leaves: PDFPageLeaf[] = [];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: PDFPageTree; depth: number };
    const kids = node.lookup(PDFName.of('Kids'));
    if (!(kids instanceof PDFArray))
      throw new PdfLimitError("a node of the PDF's page tree has no /Kids array");
    if (kids.size() > maxPages + 1) {
      throw new PdfLimitError(
        `a node of the PDF's page tree lists ${kids.size()} kids; an annex has at most ${maxPages} pages`,
      );
    }
    const subtrees: PDFPageTree[] = [];
    for (const kidRef of kids.asArray()) {
      if (!(kidRef instanceof PDFRef))
        throw new PdfLimitError("the PDF's page tree lists a kid that is not a reference");
      const kid = context.lookup(kidRef);
      if (!(kid instanceof PDFPageTree || kid instanceof PDFPageLeaf)) continue;
      if (seen.has(kid)) throw new PdfLimitError("the PDF's page tree lists the same node twice, or loops");
      seen.add(kid);
      if (kid instanceof PDFPageLeaf) {
        leaves.push(kid);
        if (leaves.length > maxPages) throw new PdfLimitError(`the PDF has more than ${maxPages} pages`);
      } else {
        if (depth + 1 > MAX_PAGE_TREE_DEPTH) {
          throw new PdfLimitError(`the PDF's page tree is more than ${MAX_PAGE_TREE_DEPTH} levels deep`);
        }
        subtrees.push(kid);
      }
    }
    // Depth-first in document order, like pdf-lib (the order matters only for the error named).
    for (let i = subtrees.length - 1; i >= 0; i--)
      stack.push({ node: subtrees[i] as PDFPageTree, depth: depth + 1 });
  }
  for (const leaf of leaves) {
    // pdf-lib climbs /Parent to inherit attributes (recursively, with no check for loops).
    let node: PDFDict | undefined = leaf;
    const chain = new Set<PDFDict>();
    while (node) {
      if (chain.has(node) || chain.size > MAX_PAGE_TREE_DEPTH) {
        throw new PdfLimitError("a page's /Parent chain in the PDF loops or runs too deep");
      }
      chain.add(node);
      const parent: unknown = node.lookup(PDFName.of('Parent'));
      if (parent !== undefined && !(parent instanceof PDFDict)) {
        throw new PdfLimitError("a page's /Parent in the PDF is not a page tree node");
      }
      node = parent;
    }
  }
  return leaves.length;
}

/** The deepest nesting of arrays and dictionaries in any object, counted without recursion. */
function assertShallowObjects(doc: PDFDocument) {
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const stack: { value: unknown; depth: number }[] = [{ value: object, depth: 0 }];
    while (stack.length > 0) {
      const { value, depth } = stack.pop() as { value: unknown; depth: number };
      if (depth > MAX_OBJECT_NESTING) {
        throw new PdfLimitError(`the PDF nests objects more than ${MAX_OBJECT_NESTING} levels deep`);
      }
      const inner = value instanceof PDFStream ? value.dict : value;
      if (inner instanceof PDFArray) {
        for (const item of inner.asArray()) stack.push({ value: item, depth: depth + 1 });
      } else if (inner instanceof PDFDict) {
        for (const [, item] of inner.entries()) stack.push({ value: item, depth: depth + 1 });
      }
    }
  }
}

// --- The check ----------------------------------------------------------------------------------

export async function checkPdf(data: Uint8Array): Promise<PdfCheck> {
  const bytes = data.byteLength;
  const sha256 = createHash('sha256').update(data).digest('hex');
  const fail = (error: string): PdfCheck => ({ ok: false, error, bytes, sha256 });
  if (bytes > MAX_ANNEX_BYTES)
    return fail(`the PDF is ${bytes} bytes; an annex is at most ${MAX_ANNEX_BYTES}`);
  if (Buffer.from(data.subarray(0, 5)).toString('latin1') !== '%PDF-') return fail('this is not a PDF file');
  const budget: StreamBudget = { decoded: 0 };
  let doc: PDFDocument;
  try {
    doc = await checkBudget.run(budget, () =>
      PDFDocument.load(data, {
        // Load it anyway so an encrypted file is named as such rather than as broken.
        ignoreEncryption: true,
        updateMetadata: false,
        throwOnInvalidObject: true,
        // No pauses to let other work run: the service runs this check in a worker of its own.
        parseSpeed: ParseSpeeds.Fastest,
      }),
    );
  } catch (error) {
    return fail(budget.breach ?? `the PDF cannot be parsed: ${(error as Error).message}`);
  }
  if (budget.breach) return fail(budget.breach);
  if (doc.isEncrypted) return fail('the PDF is encrypted; send it without a password or restrictions');
  let pages: number;
  try {
    pages = countPages(doc);
    assertShallowObjects(doc);
  } catch (error) {
    if (error instanceof PdfLimitError) return fail(error.message);
    return fail(`the PDF's page tree cannot be read: ${(error as Error).message}`);
  }
  if (pages === 0) return fail('the PDF has no pages');
  try {
    await copyAsTheRendererWill(doc);
  } catch (error) {
    return fail(`the PDF's pages cannot be copied: ${(error as Error).message}`);
  }
  return { ok: true, pages, bytes, sha256 };
}

/** The renderer's own steps (render/pdf-annex.ts) on a scratch document, written out. */
async function copyAsTheRendererWill(source: PDFDocument) {
  const scratch = await PDFDocument.create({ updateMetadata: false });
  const copied = await scratch.copyPages(source, source.getPageIndices());
  for (const page of copied) {
    scratch.addPage(page);
    page.node.normalize();
  }
  await scratch.save({ objectsPerTick: Number.POSITIVE_INFINITY });
}
