/**
 * Crafted PDFs for the intake check: honest ones, and the bombs and broken structures a hostile
 * mission could upload. Built with pdf-lib's low-level objects where pdf-lib can write them, and
 * as raw bytes where the point is a stream or table pdf-lib would never write.
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, type PDFPageLeaf, type PDFRef } from 'pdf-lib';

/** An honest PDF of `pages` pages, each with a little text; with object streams if asked. */
export async function honestPdf(pages = 2, useObjectStreams = false): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Page ${i + 1}`, { x: 72, y: 700 });
  return doc.save({ useObjectStreams });
}

/** One page leaf and a document whose catalog's /Pages is set by `build`. */
async function withPageTree(build: (doc: PDFDocument, leaf: PDFRef) => PDFRef): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const leaf = doc.addPage([100, 100]).ref;
  doc.catalog.set(PDFName.of('Pages'), build(doc, leaf));
  // No default page and no object streams: saving must not walk the tree it is writing.
  return doc.save({ addDefaultPage: false, useObjectStreams: false, updateFieldAppearances: false });
}

/** Each /Pages node lists the next one twice: 2^levels pages claimed in a couple of KB. */
export const sharedKidsBomb = (levels: number) =>
  withPageTree((doc, leaf) => {
    let child = leaf;
    for (let i = 0; i < levels; i++) {
      child = doc.context.register(
        doc.context.obj({ Type: 'Pages', Kids: [child, child], Count: 2 ** (i + 1) }),
      );
    }
    return child;
  });

/** A /Pages node that lists itself (after a real page), or two nodes that list each other. */
export const cyclicTree = (length: 1 | 2) =>
  withPageTree((doc, leaf) => {
    const refs = Array.from({ length }, () => doc.context.nextRef());
    refs.forEach((ref, i) => {
      const next = refs[(i + 1) % length] as PDFRef;
      doc.context.assign(ref, doc.context.obj({ Type: 'Pages', Kids: [leaf, next], Count: 2 }));
    });
    return refs[0] as PDFRef;
  });

/** A chain of /Pages nodes, `depth` deep, with one page at the bottom. */
export const deepTree = (depth: number) =>
  withPageTree((doc, leaf) => {
    let child = leaf;
    for (let i = 0; i < depth; i++)
      child = doc.context.register(doc.context.obj({ Type: 'Pages', Kids: [child], Count: 1 }));
    return child;
  });

/** One /Pages node whose /Kids holds `kids` references (all to the same page). */
export const wideTree = (kids: number) =>
  withPageTree((doc, leaf) =>
    doc.context.register(doc.context.obj({ Type: 'Pages', Kids: Array(kids).fill(leaf), Count: kids })),
  );

/** `pages` distinct pages under one node (the ceiling itself, or past it), each with its content. */
export const manyPages = (pages: number): Uint8Array =>
  rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${3 + 2 * i} 0 R`).join(' ')}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, (_, i) => [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${4 + 2 * i} 0 R >>`,
      { dict: '', data: Buffer.from(`0 0 m ${i % 595} 842 l S`) },
    ]).flat(),
  ]);

/** A page whose /Parent climbs into a node that is its own parent. */
export const parentLoop = () =>
  withPageTree((doc, leaf) => {
    const root = doc.context.register(doc.context.obj({ Type: 'Pages', Kids: [leaf], Count: 1 }));
    const loop = doc.context.nextRef();
    doc.context.assign(loop, doc.context.obj({ Type: 'Pages', Kids: [], Count: 0, Parent: loop }));
    (doc.context.lookup(leaf) as PDFPageLeaf).setParent(loop);
    return root;
  });

/** One array of `numbers` numbers: a small file that takes a lot of heap to hold parsed. */
export const hugeArray = (numbers: number): Uint8Array =>
  rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Extra [${'1 '.repeat(numbers)}] >>`,
  ]);

/** A page whose /Resources nests arrays `depth` deep. */
export const deepNesting = (depth: number): Uint8Array =>
  rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Extra ${'['.repeat(depth)}${']'.repeat(depth)} >>`,
  ]);

/**
 * A file of numbered objects with a classic cross-reference table; an object given as bytes is a
 * stream written as it is (its dictionary string comes first).
 */
export function rawPdf(
  objects: (string | { dict: string; data: Uint8Array })[],
  trailer = '/Root 1 0 R',
  { xref = true }: { xref?: boolean } = {},
): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(offset);
    const body =
      typeof object === 'string'
        ? Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`, 'latin1')
        : Buffer.concat([
            Buffer.from(
              `${i + 1} 0 obj\n<< ${object.dict} /Length ${object.data.length} >>\nstream\n`,
              'latin1',
            ),
            Buffer.from(object.data),
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ]);
    parts.push(body);
    offset += body.length;
  });
  if (xref) {
    const table = [
      'xref',
      `0 ${objects.length + 1}`,
      '0000000000 65535 f ',
      ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    ];
    parts.push(
      Buffer.from(`${table.join('\n')}\ntrailer\n<< /Size ${objects.length + 1} ${trailer} >>\n`, 'latin1'),
    );
  } else {
    parts.push(Buffer.from(`trailer\n<< /Size ${objects.length + 1} ${trailer} >>\n`, 'latin1'));
  }
  parts.push(Buffer.from(`startxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const PAGE_OBJECTS = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>',
];

let zeros: Buffer | undefined;
/** 24 MB of zeros, deflated (about 24 KB): made once. */
const deflatedZeros = () => {
  zeros ??= deflateSync(Buffer.alloc(24 * 1024 * 1024), { level: 9 });
  return zeros;
};

/** An object stream that inflates to 24 MB. */
export const objectStreamBomb = () =>
  rawPdf([
    ...PAGE_OBJECTS,
    { dict: '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', data: deflatedZeros() },
  ]);

/** Many object streams of 6 MB each: under the limit one by one, over it together. */
export const objectStreamFlood = (streams = 8) => {
  const twelve = deflateSync(Buffer.concat([Buffer.from('4 0 null'), Buffer.alloc(6 * 1024 * 1024, 0x20)]));
  return rawPdf([
    ...PAGE_OBJECTS,
    ...Array.from({ length: streams }, () => ({
      dict: '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode',
      data: twelve,
    })),
  ]);
};

/** A cross-reference stream that inflates to 24 MB. */
export const xrefStreamBomb = () =>
  rawPdf(
    [
      ...PAGE_OBJECTS,
      { dict: '/Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode', data: deflatedZeros() },
    ],
    '/Root 1 0 R',
  );

/** A cross-reference stream declaring two billion entries in a few bytes. */
export const xrefEntryBomb = () =>
  rawPdf([
    ...PAGE_OBJECTS,
    { dict: '/Type /XRef /Size 2000000000 /W [1 2 1] /Root 1 0 R', data: Buffer.alloc(16) },
  ]);

/** A cross-reference stream with zero-width fields: pdf-lib would loop over /Size reading nothing. */
export const xrefZeroWidth = () =>
  rawPdf([
    ...PAGE_OBJECTS,
    { dict: '/Type /XRef /Size 100000000 /W [0 0 0] /Root 1 0 R', data: Buffer.alloc(0) },
  ]);

/** An object stream declaring a billion objects. */
export const objectStreamCountBomb = () =>
  rawPdf([...PAGE_OBJECTS, { dict: '/Type /ObjStm /N 1000000000 /First 4', data: Buffer.from('4 0 null') }]);

/** An object stream under a filter nobody uses for one (LZW can inflate as much as Flate). */
export const objectStreamOtherFilter = () =>
  rawPdf([
    ...PAGE_OBJECTS,
    { dict: '/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode', data: Buffer.from([0x80, 0x0b, 0x60, 0x50]) },
  ]);

/** Cross-reference sections whose /Prev points at themselves and a startxref past the end. */
export const brokenXrefChain = (): Uint8Array => {
  const bytes = Buffer.from(rawPdf(PAGE_OBJECTS, '/Root 1 0 R /Prev 9')).toString('latin1');
  return Buffer.from(bytes.replace(/startxref\n\d+/, 'startxref\n999999999'), 'latin1');
};

/** An honest page tree, but the only page's content is a deflate bomb (copied, never inflated). */
export const contentStreamBomb = () =>
  rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R >>',
    { dict: '/Filter /FlateDecode', data: deflatedZeros() },
  ]);
