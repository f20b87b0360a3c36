/**
 * The intake check of PDF annexes against crafted and mutated files: every one is answered, in
 * bounded time, with a refusal or with an acceptance the renderer can act on; and the check run
 * by the service keeps the event loop answering while it works.
 */
import fc from 'fast-check';
import { PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfCheckRunner } from '../functions/adapters/pdf-check-runner.ts';
import { checkPdf, MAX_ANNEX_PAGES, type PdfCheck } from '../functions/domain/pdf-check.ts';
import { appendPdf as appendAnnex, loadAnnex } from '../functions/render/pdf-annex.ts';
import { Structure } from '../functions/render/structure.ts';

/** The renderer's two steps for a PDF annex: load it (the checks), then copy its pages in as figures. */
const appendPdf = async (target: PDFDocument, bytes: Uint8Array, key: string) => {
  const tags = new Structure();
  return appendAnnex(target, await loadAnnex(bytes, key), tags, () => tags.root.add('Figure', { alt: key }));
};

import {
  brokenXrefChain,
  contentStreamBomb,
  cyclicTree,
  deepNesting,
  deepTree,
  honestPdf,
  hugeArray,
  manyPages,
  objectStreamBomb,
  objectStreamCountBomb,
  objectStreamFlood,
  objectStreamOtherFilter,
  parentLoop,
  rawPdf,
  sharedKidsBomb,
  wideTree,
  xrefEntryBomb,
  xrefStreamBomb,
  xrefZeroWidth,
} from './support/hostile-pdfs.ts';

let ceiling: Promise<Uint8Array> | undefined;
/** An honest annex of exactly MAX_ANNEX_PAGES pages, built once. */
const ceilingPdf = () => {
  ceiling ??= Promise.resolve(manyPages(MAX_ANNEX_PAGES));
  return ceiling;
};

/** Checks in this process, timed: the check must answer, not throw, within `ms`. */
async function timedCheck(bytes: Uint8Array, ms = 3_000): Promise<PdfCheck> {
  const started = performance.now();
  const result = await checkPdf(bytes);
  expect(performance.now() - started).toBeLessThan(ms);
  return result;
}

/** What the renderer does with an accepted annex; it must succeed and give the pages counted. */
async function renders(bytes: Uint8Array, pages: number) {
  const target = await PDFDocument.create();
  const copied = await appendPdf(target, bytes, 'annex');
  expect(copied).toHaveLength(pages);
  await target.save();
}

describe('crafted PDFs at intake', () => {
  const refused: [string, () => Uint8Array | Promise<Uint8Array>, RegExp, number?][] = [
    ['a page tree of 2^20 shared kids', () => sharedKidsBomb(20), /same node twice/],
    ['a page tree of 2^24 shared kids', () => sharedKidsBomb(24), /same node twice/],
    ['a page-tree node that lists itself', () => cyclicTree(1), /same node twice, or loops/],
    ['two page-tree nodes that list each other', () => cyclicTree(2), /same node twice, or loops/],
    ['a page tree 40 levels deep', () => deepTree(40), /more than 32 levels deep/],
    ['one node with 200,000 kids', () => wideTree(200_000), /lists 200000 kids/],
    [`${MAX_ANNEX_PAGES + 1} pages`, () => manyPages(MAX_ANNEX_PAGES + 1), /more than 1000 pages/],
    ['a page whose /Parent chain loops', parentLoop, /\/Parent chain .* loops/],
    ['objects nested 100 levels deep', () => deepNesting(100), /nests objects more than 64 levels/],
    ['objects nested 100,000 levels deep', () => deepNesting(100_000), /cannot be parsed/],
    ['an object stream that inflates to 24 MB', objectStreamBomb, /object stream that inflates to more than/],
    [
      // pdf-lib inflates each stream the measure lets through, in JS: the slowest refusal here.
      'object streams that inflate to 48 MB together',
      () => objectStreamFlood(8),
      /inflate to more than .* together/,
      8_000,
    ],
    [
      'a cross-reference stream that inflates to 24 MB',
      xrefStreamBomb,
      /cross-reference stream that inflates/,
    ],
    ['a cross-reference stream of two billion entries', xrefEntryBomb, /declares more entries than it holds/],
    ['a cross-reference stream of zero-width fields', xrefZeroWidth, /declares more entries than it holds/],
    [
      'an object stream declaring a billion objects',
      objectStreamCountBomb,
      /declares more objects than it holds/,
    ],
    ['an object stream under LZWDecode', objectStreamOtherFilter, /filter other than FlateDecode/],
    [
      'no catalog',
      () => rawPdf(['<< /Type /Pages /Kids [] /Count 0 >>'], '/Root 9 0 R'),
      /no document catalog/,
    ],
    [
      'an empty page tree',
      () => rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']),
      /no pages/,
    ],
    [
      'a truncated honest file',
      async () => (await honestPdf(3)).subarray(0, 200),
      /cannot be parsed|no document catalog|page tree/,
    ],
    ['not a PDF', () => new TextEncoder().encode('hello'), /not a PDF/],
  ];

  it.each(refused)('refuses %s, cleanly and quickly', async (_name, build, error, ms) => {
    const bytes = await build();
    const result = await timedCheck(bytes, ms);
    expect(result).toMatchObject({ ok: false, bytes: bytes.byteLength });
    expect(result.ok ? '' : result.error).toMatch(error);
  });

  it('accepts the ceiling itself, and the renderer copies every page', async () => {
    const bytes = await ceilingPdf();
    expect(await timedCheck(bytes, 10_000)).toMatchObject({ ok: true, pages: MAX_ANNEX_PAGES });
    await renders(bytes, MAX_ANNEX_PAGES);
  });

  it('reads objects in file order, so a broken cross-reference chain costs nothing', async () => {
    const bytes = brokenXrefChain();
    expect(await timedCheck(bytes)).toMatchObject({ ok: true, pages: 1 });
    await renders(bytes, 1);
  });

  it('copies page content without inflating it: a deflate bomb there costs the check nothing', async () => {
    const bytes = contentStreamBomb();
    expect(await timedCheck(bytes, 1_000)).toMatchObject({ ok: true, pages: 1 });
    const target = await PDFDocument.create();
    await appendPdf(target, bytes, 'annex');
    // The copy holds the stream as it came, compressed: the output grows by its size, not 24 MB.
    expect((await target.save()).byteLength).toBeLessThan(bytes.byteLength + 10_000);
  });

  it('accepts honest files, with and without object streams', async () => {
    for (const objectStreams of [false, true]) {
      const bytes = await honestPdf(3, objectStreams);
      expect(await timedCheck(bytes)).toMatchObject({ ok: true, pages: 3 });
      await renders(bytes, 3);
    }
  });

  it('the renderer refuses, rather than walks, a page-tree bomb that got past intake', async () => {
    const started = performance.now();
    await expect(appendPdf(await PDFDocument.create(), await sharedKidsBomb(24), 'annex')).rejects.toThrow(
      /Annex "annex" is not a readable PDF: .*same node twice/,
    );
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('mutated PDFs at intake (fuzz)', () => {
  const seeds = async () => [
    await honestPdf(2),
    await honestPdf(2, true),
    await sharedKidsBomb(12),
    await cyclicTree(2),
    objectStreamCountBomb(),
    brokenXrefChain(),
  ];

  /** A mutation of a seed file: bits flipped, bytes replaced, cut short, spliced, or tokens swapped. */
  const mutation = (size: number) =>
    fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(size - 1), bit: fc.nat(7) }),
      fc.record({ kind: fc.constant('byte' as const), at: fc.nat(size - 1), value: fc.nat(255) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(size - 1) }),
      fc.record({
        kind: fc.constant('dup' as const),
        at: fc.nat(size - 1),
        length: fc.integer({ min: 1, max: 64 }),
      }),
      fc.record({
        kind: fc.constant('token' as const),
        at: fc.nat(size - 1),
        token: fc.constantFrom(
          '0 R',
          '1 0 R',
          '2 0 R',
          '/Pages',
          '/Kids [',
          ']',
          '<<',
          '>>',
          '/Parent 2 0 R',
          '99999999',
          '-1',
          'stream\n',
          'endobj',
        ),
      }),
    );

  const apply = (bytes: Uint8Array, mutations: { kind: string; at: number; [k: string]: unknown }[]) => {
    let out = Buffer.from(bytes);
    for (const m of mutations) {
      const at = Math.min(m.at, out.length - 1);
      if (m.kind === 'flip') out[at] = (out[at] as number) ^ (1 << (m.bit as number));
      else if (m.kind === 'byte') out[at] = m.value as number;
      else if (m.kind === 'cut') out = out.subarray(0, Math.max(at, 5));
      else if (m.kind === 'dup')
        out = Buffer.concat([
          out.subarray(0, at),
          out.subarray(at, at + (m.length as number)),
          out.subarray(at),
        ]);
      else
        out = Buffer.concat([
          out.subarray(0, at),
          Buffer.from(` ${m.token as string} `, 'latin1'),
          out.subarray(at),
        ]);
    }
    return out;
  };

  it('answers every mutation within bounds; whatever it accepts, the renderer copies', async () => {
    const files = await seeds();
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(
        fc
          .nat(files.length - 1)
          .chain((i) =>
            fc.tuple(
              fc.constant(i),
              fc.array(mutation((files[i] as Uint8Array).length), { minLength: 1, maxLength: 6 }),
            ),
          ),
        async ([seed, mutations]) => {
          const bytes = apply(files[seed] as Uint8Array, mutations);
          const result = await timedCheck(bytes, 2_000);
          if (result.ok) {
            expect(result.pages).toBeLessThanOrEqual(MAX_ANNEX_PAGES);
            await renders(bytes, result.pages);
          } else {
            expect(result.error).toMatch(/^(this|the|a) /);
          }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('answers every page-tree shape: trees, shared kids and loops alike', async () => {
    // A shape: node i lists, in order, the nodes given (any index, itself included) and leaves.
    const shape = fc.array(
      fc.array(fc.oneof(fc.record({ node: fc.nat(7) }), fc.record({ leaf: fc.nat(3) })), { maxLength: 4 }),
      { minLength: 1, maxLength: 8 },
    );
    await fc.assert(
      fc.asyncProperty(shape, async (nodes) => {
        const doc = await PDFDocument.create();
        const leaves = Array.from({ length: 4 }, () => doc.addPage([100, 100]).ref);
        const refs = nodes.map(() => doc.context.nextRef());
        nodes.forEach((kids, i) => {
          const list = kids.map((k) => ('leaf' in k ? leaves[k.leaf] : refs[k.node % refs.length]));
          doc.context.assign(
            refs[i] as PDFRef,
            doc.context.obj({ Type: 'Pages', Kids: list as PDFRef[], Count: 1 }),
          );
        });
        doc.catalog.set(PDFName.of('Pages'), refs[0] as PDFRef);
        const bytes = await doc.save({ addDefaultPage: false, useObjectStreams: false });
        const result = await timedCheck(bytes, 2_000);
        if (result.ok) await renders(bytes, result.pages);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('the check as the service runs it', () => {
  it('keeps the event loop answering while it checks (under 100 ms of lag)', async () => {
    const check = pdfCheckRunner();
    const files = [await sharedKidsBomb(24), objectStreamBomb(), await ceilingPdf()];
    // Between two ticks, the CPU this thread spent is what blocked it; wall-clock lag also counts
    // the time other processes on a shared machine took the core, so it is bounded more loosely.
    let busiest = 0;
    let worstLag = 0;
    let last = performance.now();
    let lastCpu = process.threadCpuUsage();
    const ticker = setInterval(() => {
      const now = performance.now();
      const cpu = process.threadCpuUsage(lastCpu);
      busiest = Math.max(busiest, (cpu.user + cpu.system) / 1000);
      worstLag = Math.max(worstLag, now - last - 10);
      last = now;
      lastCpu = process.threadCpuUsage();
    }, 10);
    try {
      const results = await Promise.all(files.map((bytes) => check(bytes)));
      expect(results.map((r) => r.ok)).toEqual([false, false, true]);
    } finally {
      clearInterval(ticker);
    }
    expect(busiest).toBeLessThan(100);
    expect(worstLag).toBeLessThan(1_000);
  });

  it('refuses a file it cannot check before the deadline, and stops the work', async () => {
    const check = pdfCheckRunner({ deadlineMs: () => 1 });
    const result = await check(await ceilingPdf());
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/could not be checked within/) });
  });

  it('refuses a file that needs more memory than the worker has', async () => {
    const check = pdfCheckRunner({ maxHeapMb: 32, deadlineMs: () => 30_000 });
    const result = await check(hugeArray(1_000_000));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/needs more than 32 MB/) });
  });
});
