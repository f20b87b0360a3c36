/**
 * The logical structure of a rendered document, as PDF/UA asks: a tree of standard structure
 * elements (so no role map is needed) whose leaves are the marked-content sequences of the pages.
 * Drawing code wraps each piece of real content in `mark` (`/P <</MCID n>> BDC … EMC`, the MCID
 * counted per page) and each piece of page furniture in `artifact`; nothing is drawn outside
 * either. Elements are created in reading order, so the tree's order is the text's even where the
 * page draws in another order, and an element may collect marked content from several pages (a
 * paragraph broken across a page stays one `P`). pdf-lib has no structure API: `write` builds the
 * StructTreeRoot, the ParentTree and the page entries on its low-level objects.
 */
import {
  PDFOperatorNames as Op,
  PDFArray,
  PDFBool,
  type PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  type PDFPage,
  type PDFRef,
  PDFString,
} from 'pdf-lib';

export type StructType =
  | 'Document'
  | 'Sect'
  | 'Div'
  | 'P'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'BlockQuote'
  | 'Note'
  | 'Figure';

export interface StructOptions {
  /** BCP 47 tag, when the element's text is in another language than its parent's. */
  lang?: string;
  /** Alternative text (figures). */
  alt?: string;
  /** Unique ID (notes must have one). */
  id?: string;
  /** Bounding box on its page, PDF coordinates (figures). */
  bbox?: readonly [number, number, number, number];
}

interface MarkedContent {
  page: PDFPage;
  mcid: number;
}

export class StructElement {
  readonly kids: (StructElement | MarkedContent)[] = [];
  readonly type: StructType;
  readonly options: StructOptions;

  constructor(type: StructType, options: StructOptions = {}) {
    this.type = type;
    this.options = options;
  }

  /** A new last child. */
  add(type: StructType, options: StructOptions = {}): StructElement {
    const element = new StructElement(type, options);
    this.kids.push(element);
    return element;
  }

  /** A new first child (a list item's label, made when its marker is drawn). */
  prepend(type: StructType, options: StructOptions = {}): StructElement {
    const element = new StructElement(type, options);
    this.kids.unshift(element);
    return element;
  }
}

/** What a piece of furniture is: running header or footer, or page layout (rules). */
export type ArtifactKind = 'header' | 'footer' | 'layout';

const ARTIFACT: Record<ArtifactKind, string> = {
  header: '<</Type /Pagination /Subtype /Header>>',
  footer: '<</Type /Pagination /Subtype /Footer>>',
  layout: '<</Type /Layout>>',
};

const EMC = PDFOperator.of(Op.EndMarkedContent);

/** A text string: literal when it is ASCII, UTF-16 otherwise. */
export const textString = (text: string): PDFString | PDFHexString =>
  /^[\x20-\x7e]*$/.test(text) && !/[\\()]/.test(text) ? PDFString.of(text) : PDFHexString.fromText(text);

export class Structure {
  readonly root = new StructElement('Document');
  /** Per page, the element each MCID belongs to (the index is the MCID). */
  readonly #owners = new Map<PDFPage, StructElement[]>();
  /**
   * Per page, the element whose marked-content sequence is still open: the next lines of the same
   * paragraph join it instead of opening one sequence per line.
   */
  readonly #open = new Map<PDFPage, StructElement>();

  /** The operator that opens a new marked-content sequence of `element` on `page`. */
  begin(page: PDFPage, element: StructElement): PDFOperator {
    this.close(page);
    let owners = this.#owners.get(page);
    if (!owners) {
      owners = [];
      this.#owners.set(page, owners);
    }
    const mcid = owners.length;
    owners.push(element);
    element.kids.push({ page, mcid });
    return PDFOperator.of(Op.BeginMarkedContentSequence, [`/${element.type}`, `<</MCID ${mcid}>>`]);
  }

  /** The operator that closes a marked-content sequence. */
  end(): PDFOperator {
    return EMC;
  }

  /** Draws content of `element` on `page` in a marked-content sequence of it. */
  mark(page: PDFPage, element: StructElement, draw: () => void): void {
    if (this.#open.get(page) !== element) {
      page.pushOperators(this.begin(page, element));
      this.#open.set(page, element);
    }
    draw();
  }

  /** Draws page furniture that is no part of the text. */
  artifact(page: PDFPage, kind: ArtifactKind, draw: () => void): void {
    this.close(page);
    page.pushOperators(PDFOperator.of(Op.BeginMarkedContentSequence, ['/Artifact', ARTIFACT[kind]]));
    draw();
    page.pushOperators(EMC);
  }

  /** Ends the sequence left open on `page`, before anything else is drawn there. */
  close(page: PDFPage): void {
    if (!this.#open.has(page)) return;
    this.#open.delete(page);
    page.pushOperators(EMC);
  }

  /** Writes the tree into the document: call once, after the last page is drawn. */
  write(pdf: PDFDocument): void {
    const { context, catalog } = pdf;
    const pages = pdf.getPages();
    for (const page of pages) this.close(page);
    const rootRef = context.nextRef();
    const refs = new Map<StructElement, PDFRef>();
    // Elements with no content at all (an item whose marker was never drawn) are left out.
    const hasContent = (element: StructElement): boolean =>
      element.kids.some((kid) => !(kid instanceof StructElement) || hasContent(kid));
    const number = (element: StructElement): void => {
      refs.set(element, context.nextRef());
      for (const kid of element.kids) if (kid instanceof StructElement && hasContent(kid)) number(kid);
    };
    number(this.root);

    const writeElement = (element: StructElement, parent: PDFRef): void => {
      const ref = refs.get(element) as PDFRef;
      // /Type /StructElem is optional and left out: it would repeat in every element.
      const dict = context.obj({ S: element.type, P: parent }) as PDFDict;
      const firstPage = element.kids.find(
        (kid): kid is MarkedContent => !(kid instanceof StructElement),
      )?.page;
      if (firstPage) dict.set(PDFName.of('Pg'), firstPage.ref);
      const kids: (PDFRef | PDFNumber | PDFDict)[] = [];
      for (const kid of element.kids) {
        if (kid instanceof StructElement) {
          const kidRef = refs.get(kid);
          if (!kidRef) continue;
          kids.push(kidRef);
          writeElement(kid, ref);
        } else if (kid.page === firstPage) kids.push(PDFNumber.of(kid.mcid));
        else kids.push(context.obj({ Type: 'MCR', Pg: kid.page.ref, MCID: kid.mcid }) as PDFDict);
      }
      const [only] = kids;
      dict.set(PDFName.of('K'), kids.length === 1 && only ? only : context.obj(kids));
      const { lang, alt, id, bbox } = element.options;
      if (lang) dict.set(PDFName.of('Lang'), PDFString.of(lang));
      if (alt) dict.set(PDFName.of('Alt'), textString(alt));
      if (id) dict.set(PDFName.of('ID'), PDFString.of(id));
      if (bbox)
        dict.set(
          PDFName.of('A'),
          context.obj({ O: 'Layout', Placement: 'Block', BBox: bbox.map((v) => Math.round(v * 100) / 100) }),
        );
      context.assign(ref, dict);
    };
    writeElement(this.root, rootRef);

    // ParentTree: page i (its /StructParents) → the element of each of its MCIDs.
    const nums = PDFArray.withContext(context);
    pages.forEach((page, index) => {
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(index));
      // Tab order follows the structure (PDF/UA 7.18.3).
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
      const owners = this.#owners.get(page) ?? [];
      nums.push(PDFNumber.of(index));
      nums.push(context.obj(owners.map((element) => refs.get(element) as PDFRef)));
    });

    const treeRoot = context.obj({
      Type: 'StructTreeRoot',
      K: refs.get(this.root) as PDFRef,
      ParentTree: context.register(context.obj({ Nums: nums })),
      ParentTreeNextKey: pages.length,
    }) as PDFDict;
    const ids: [string, PDFRef][] = [];
    for (const [element, ref] of refs) if (element.options.id) ids.push([element.options.id, ref]);
    if (ids.length > 0) {
      ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      treeRoot.set(
        PDFName.of('IDTree'),
        context.obj({ Names: ids.flatMap(([id, ref]) => [PDFString.of(id), ref]) }),
      );
    }
    context.assign(rootRef, treeRoot);
    catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: PDFBool.True }));
  }
}
