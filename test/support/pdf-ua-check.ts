/**
 * A checker for the machine-checkable parts of PDF/UA-1 (Matterhorn Protocol 1.1 checkpoints)
 * and of PDF/A-2u that Distr's PDFs can get wrong, used in tests in place of veraPDF, which the
 * project's registries do not carry. It reads the file with pdf-lib and its own small
 * content-stream tokenizer, and checks only what the file claims in its XMP: the PDF/UA rules when
 * `pdfuaid:part` is 1, the PDF/A rules when `pdfaid:part` is 2. The README lists what it covers.
 */
import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from 'pdf-lib';

export interface Failure {
  /** Matterhorn checkpoint (`01-005`) or PDF/A-2 clause (`A 6.6.2.1`). */
  rule: string;
  message: string;
}

export interface CheckResult {
  claims: { pdfa: boolean; pdfua: boolean };
  failures: Failure[];
}

const STANDARD_TYPES = new Set([
  'Document',
  'Part',
  'Art',
  'Sect',
  'Div',
  'BlockQuote',
  'Caption',
  'TOC',
  'TOCI',
  'Index',
  'NonStruct',
  'Private',
  'P',
  'H',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'L',
  'LI',
  'Lbl',
  'LBody',
  'Table',
  'TR',
  'TH',
  'TD',
  'THead',
  'TBody',
  'TFoot',
  'Span',
  'Quote',
  'Note',
  'Reference',
  'BibEntry',
  'Code',
  'Link',
  'Annot',
  'Ruby',
  'RB',
  'RT',
  'RP',
  'Warichu',
  'WT',
  'WP',
  'Figure',
  'Formula',
  'Form',
]);

const name = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFName ? o.decodeText() : undefined;

const text = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

const streamBytes = (stream: PDFStream): Uint8Array => {
  if (!(stream instanceof PDFRawStream)) return stream.getContents();
  const filter = stream.dict.get(PDFName.of('Filter'));
  const filters =
    filter instanceof PDFArray ? filter.asArray().map((f) => name(f)) : filter ? [name(filter)] : [];
  let bytes: Uint8Array = stream.contents;
  for (const f of filters) {
    if (f === 'FlateDecode') bytes = inflateSync(bytes);
    else throw new Error(`cannot decode ${f}`);
  }
  return bytes;
};

type Token = { op: string } | { value: string | number | Token[] | Uint8Array; kind: string };

/** Tokens of a content stream: operands with their operators (enough for marking and text). */
export const tokenize = (bytes: Uint8Array): Token[] => {
  const s = Buffer.from(bytes).toString('latin1');
  const tokens: Token[] = [];
  const stack: Token[][] = [];
  let i = 0;
  const push = (t: Token) => (stack.at(-1) ?? tokens).push(t);
  const isWhite = (c: string) => ' \t\r\n\f\0'.includes(c);
  const isDelim = (c: string) => '()<>[]{}/%'.includes(c);
  while (i < s.length) {
    const c = s[i] as string;
    if (isWhite(c)) i++;
    else if (c === '%') while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
    else if (c === '(') {
      let depth = 1;
      let out = '';
      i++;
      while (i < s.length && depth > 0) {
        const d = s[i] as string;
        if (d === '\\') {
          const e = s[i + 1] as string;
          const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
          if (/[0-7]/.test(e)) {
            const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1))?.[0] ?? '0';
            out += String.fromCharCode(Number.parseInt(oct, 8));
            i += 1 + oct.length;
          } else {
            out += map[e] ?? e;
            i += 2;
          }
          continue;
        }
        if (d === '(') depth++;
        if (d === ')') depth--;
        if (depth > 0) out += d;
        i++;
      }
      push({ kind: 'string', value: Uint8Array.from(out, (ch) => ch.charCodeAt(0)) });
    } else if (c === '<' && s[i + 1] === '<') {
      stack.push([]);
      i += 2;
    } else if (c === '>' && s[i + 1] === '>') {
      const dict = stack.pop() ?? [];
      push({ kind: 'dict', value: dict });
      i += 2;
    } else if (c === '<') {
      const end = s.indexOf('>', i);
      const hex = s.slice(i + 1, end).replace(/\s/g, '');
      const padded = hex.length % 2 ? `${hex}0` : hex;
      push({ kind: 'string', value: Uint8Array.from(Buffer.from(padded, 'hex')) });
      i = end + 1;
    } else if (c === '[') {
      stack.push([]);
      i++;
    } else if (c === ']') {
      const array = stack.pop() ?? [];
      push({ kind: 'array', value: array });
      i++;
    } else if (c === '/') {
      let j = i + 1;
      while (j < s.length && !isWhite(s[j] as string) && !isDelim(s[j] as string)) j++;
      push({ kind: 'name', value: s.slice(i + 1, j) });
      i = j;
    } else {
      let j = i;
      while (j < s.length && !isWhite(s[j] as string) && !isDelim(s[j] as string)) j++;
      if (j === i) j++;
      const word = s.slice(i, j);
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) push({ kind: 'number', value: Number(word) });
      else if (word === 'true' || word === 'false' || word === 'null') push({ kind: 'keyword', value: word });
      else tokens.push({ op: word });
      i = j;
    }
  }
  return tokens;
};

/** Operators that put marks on the page. */
const PAINTING = new Set([
  'Tj',
  'TJ',
  "'",
  '"',
  'f',
  'F',
  'f*',
  'B',
  'B*',
  'b',
  'b*',
  'S',
  's',
  'Do',
  'sh',
  'BI',
]);
const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);

/** Glyph codes a ToUnicode CMap maps (bfchar and bfrange). */
const mappedCodes = (cmap: string): Set<number> => {
  const codes = new Set<number>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g))
      if ((m[2] ?? '').length > 0) codes.add(Number.parseInt(m[1] ?? '', 16));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const from = Number.parseInt(m[1] ?? '', 16);
      const to = Number.parseInt(m[2] ?? '', 16);
      for (let c = from; c <= to; c++) codes.add(c);
    }
  return codes;
};

export const checkPdf = async (bytes: Uint8Array): Promise<CheckResult> => {
  const failures: Failure[] = [];
  const fail = (rule: string, message: string) => failures.push({ rule, message });
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const { context, catalog } = pdf;
  const lookup = (o: PDFObject | undefined): PDFObject | undefined =>
    o instanceof PDFRef ? context.lookup(o) : o;
  const dictOf = (o: PDFObject | undefined): PDFDict | undefined => {
    const v = lookup(o);
    return v instanceof PDFDict ? v : v instanceof PDFStream ? v.dict : undefined;
  };

  const metadata = lookup(catalog.get(PDFName.of('Metadata')));
  const xmp = metadata instanceof PDFStream ? Buffer.from(streamBytes(metadata)).toString('utf8') : '';
  const xmpValue = (property: string): string | undefined =>
    new RegExp(`${property}="([^"]*)"`).exec(xmp)?.[1] ??
    new RegExp(`<${property}>([^<]*)</${property}>`).exec(xmp)?.[1];
  const xmpDefault = (property: string): string | undefined =>
    new RegExp(
      `<${property}>\\s*<rdf:(?:Alt|Seq|Bag)>\\s*<rdf:li(?: xml:lang="x-default")?>([^<]*)</rdf:li>`,
    ).exec(xmp)?.[1];
  const unescapeXml = (v: string | undefined) =>
    v
      ?.replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const claims = {
    pdfa: xmpValue('pdfaid:part') === '2' && /^[UA]$/.test(xmpValue('pdfaid:conformance') ?? ''),
    pdfua: xmpValue('pdfuaid:part') === '1',
  };

  // --- Structure and marked content (PDF/UA) -------------------------------------------------
  if (claims.pdfua) {
    // 06: metadata.
    if (!(metadata instanceof PDFStream)) fail('06-001', 'no XMP metadata stream');
    if (!xmpDefault('dc:title')) fail('06-003', 'XMP has no dc:title');
    // 07: the window shows the title.
    const prefs = dictOf(catalog.get(PDFName.of('ViewerPreferences')));
    const display = prefs?.get(PDFName.of('DisplayDocTitle'));
    if (!prefs) fail('07-001', 'no ViewerPreferences');
    else if (display?.toString() !== 'true') fail('07-002', 'DisplayDocTitle is not true');
    // 11: the document's language.
    const lang = text(catalog.get(PDFName.of('Lang')));
    if (!lang || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) fail('11-006', `catalog /Lang is ${lang}`);
    // 01 / 06: marked as tagged, with a structure tree.
    const markInfo = dictOf(catalog.get(PDFName.of('MarkInfo')));
    if (markInfo?.get(PDFName.of('Marked'))?.toString() !== 'true')
      fail('06-001', 'MarkInfo /Marked is not true');
    if (markInfo?.get(PDFName.of('Suspects'))?.toString() === 'true')
      fail('01-002', 'MarkInfo /Suspects is true');
  }

  const treeRoot = dictOf(catalog.get(PDFName.of('StructTreeRoot')));
  if (claims.pdfua && !treeRoot) fail('01-006', 'no StructTreeRoot');

  // Elements, each with what its K says it holds, walked in tree order.
  const pages = pdf.getPages();
  /** `page:mcid` → element ref owning it, from the tree. */
  const owners = new Map<string, string>();
  const ids = new Map<string, number>();
  const headings: number[] = [];
  if (claims.pdfua && treeRoot) {
    const visit = (
      ref: PDFObject | undefined,
      parentType: string,
      parentRef: string,
      inheritedPage?: string,
    ) => {
      const element = dictOf(ref);
      if (!element) return;
      const type = name(element.get(PDFName.of('S'))) ?? '';
      const elementRef = ref instanceof PDFRef ? ref.toString() : parentRef;
      if (!STANDARD_TYPES.has(type)) fail('02-001', `non-standard structure type ${type}`);
      const declaredParent = element.get(PDFName.of('P'));
      if (declaredParent instanceof PDFRef && declaredParent.toString() !== parentRef)
        fail('01-006', `${type} ${elementRef}: /P is not its parent`);
      // 09: lists.
      if (type === 'LI' && parentType !== 'L') fail('09-005', `LI inside ${parentType}`);
      if ((type === 'Lbl' || type === 'LBody') && parentType !== 'LI' && parentType !== 'L')
        fail('09-005', `${type} inside ${parentType}`);
      if (parentType === 'L' && !['LI', 'L', 'Caption'].includes(type)) fail('09-005', `${type} inside L`);
      // 13: figures.
      if (
        type === 'Figure' &&
        !text(element.get(PDFName.of('Alt'))) &&
        !text(element.get(PDFName.of('ActualText')))
      )
        fail('13-004', `Figure ${elementRef} has no /Alt`);
      // 14: headings.
      const level = /^H([1-6])$/.exec(type)?.[1];
      if (level) headings.push(Number(level));
      // 19: notes.
      const id = text(element.get(PDFName.of('ID')));
      if (type === 'Note' && !id) fail('19-003', `Note ${elementRef} has no ID`);
      if (id) ids.set(id, (ids.get(id) ?? 0) + 1);
      const pg = element.get(PDFName.of('Pg'));
      const page = pg instanceof PDFRef ? pg.toString() : inheritedPage;
      const rawK = element.get(PDFName.of('K'));
      const k = lookup(rawK);
      // A lone kid may be a reference to an element: keep the reference, it names the element.
      const kids = k instanceof PDFArray ? k.asArray() : rawK ? [rawK] : [];
      for (const kid of kids) {
        if (kid instanceof PDFNumber) {
          if (!page) fail('01-006', `${type} ${elementRef}: MCID without a page`);
          else owners.set(`${page}:${kid.asNumber()}`, elementRef);
          continue;
        }
        const kidDict = dictOf(kid);
        const kidType = name(kidDict?.get(PDFName.of('Type')));
        if (kidType === 'MCR') {
          const mcrPage = kidDict?.get(PDFName.of('Pg'));
          const p = mcrPage instanceof PDFRef ? mcrPage.toString() : page;
          const mcid = kidDict?.get(PDFName.of('MCID'));
          if (p && mcid instanceof PDFNumber) owners.set(`${p}:${mcid.asNumber()}`, elementRef);
          continue;
        }
        if (kidType === 'OBJR') continue;
        visit(kid, type, elementRef, page);
      }
    };
    const top = lookup(treeRoot.get(PDFName.of('K')));
    const topKids = top instanceof PDFArray ? top.asArray() : [treeRoot.get(PDFName.of('K'))];
    const rootRef = catalog.get(PDFName.of('StructTreeRoot'))?.toString() ?? '';
    for (const kid of topKids) visit(kid, 'StructTreeRoot', rootRef);
    if (headings.length > 0 && headings[0] !== 1) fail('14-002', `first heading is H${headings[0]}`);
    headings.forEach((h, i) => {
      const before = i === 0 ? 0 : (headings[i - 1] as number);
      if (h > before + 1) fail('14-003', `H${h} follows H${before}`);
    });
    for (const [id, count] of ids) if (count > 1) fail('19-004', `ID ${id} used ${count} times`);
  }

  // ParentTree: page StructParents → array of element refs by MCID.
  const parentTree = new Map<number, PDFObject[]>();
  if (claims.pdfua && treeRoot) {
    const collect = (node: PDFDict | undefined) => {
      if (!node) return;
      const nums = lookup(node.get(PDFName.of('Nums')));
      if (nums instanceof PDFArray)
        for (let i = 0; i + 1 < nums.size(); i += 2) {
          const key = nums.get(i);
          const value = lookup(nums.get(i + 1));
          if (key instanceof PDFNumber)
            parentTree.set(key.asNumber(), value instanceof PDFArray ? value.asArray() : []);
        }
      const kids = lookup(node.get(PDFName.of('Kids')));
      if (kids instanceof PDFArray) for (const kid of kids.asArray()) collect(dictOf(kid));
    };
    collect(dictOf(treeRoot.get(PDFName.of('ParentTree'))));
    const next = treeRoot.get(PDFName.of('ParentTreeNextKey'));
    const maxKey = Math.max(-1, ...parentTree.keys());
    if (!(next instanceof PDFNumber) || next.asNumber() <= maxKey)
      fail('01-006', 'ParentTreeNextKey missing or not past the last key');
  }

  // Fonts: embedded, with ToUnicode; the codes each shows.
  const fontCodes = new Map<string, Set<number> | null>();
  const fontOf = (
    ref: PDFObject | undefined,
  ): { key: string; twoByte: boolean; mapped: Set<number> | null } => {
    const key = ref?.toString() ?? '';
    const font = dictOf(ref);
    const subtype = name(font?.get(PDFName.of('Subtype')));
    const twoByte = subtype === 'Type0';
    if (!fontCodes.has(key)) {
      const toUnicode = lookup(font?.get(PDFName.of('ToUnicode')));
      fontCodes.set(
        key,
        toUnicode instanceof PDFStream
          ? mappedCodes(Buffer.from(streamBytes(toUnicode)).toString('latin1'))
          : null,
      );
      const descendant = twoByte
        ? dictOf((lookup(font?.get(PDFName.of('DescendantFonts'))) as PDFArray | undefined)?.get(0))
        : font;
      const descriptor = dictOf(descendant?.get(PDFName.of('FontDescriptor')));
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.get(PDFName.of(k)));
      if (!embedded && subtype !== 'Type3') {
        if (claims.pdfa) fail('A 6.2.11.4.1', `font ${key} is not embedded`);
        if (claims.pdfua) fail('31-009', `font ${key} is not embedded`);
      }
    }
    return { key, twoByte, mapped: fontCodes.get(key) ?? null };
  };

  pages.forEach((page, index) => {
    const node = page.node;
    const structParents = node.get(PDFName.of('StructParents'));
    if (claims.pdfua) {
      if (!(structParents instanceof PDFNumber)) fail('01-006', `page ${index + 1} has no /StructParents`);
      const tabs = name(node.get(PDFName.of('Tabs')));
      if (tabs === undefined) fail('28-008', `page ${index + 1} has no /Tabs`);
      else if (tabs !== 'S') fail('28-009', `page ${index + 1}: /Tabs is /${tabs}, not /S`);
    }
    const annots = lookup(node.get(PDFName.of('Annots')));
    if (annots instanceof PDFArray && annots.size() > 0 && claims.pdfua)
      fail('28-002', `page ${index + 1} has annotations, which this checker does not follow into the tree`);
    const contents = lookup(node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map(lookup) : [contents];
    const content = Buffer.concat(
      streams
        .filter((s): s is PDFStream => s instanceof PDFStream)
        .map((s) => `${Buffer.from(streamBytes(s)).toString('latin1')}\n`)
        .map((t) => Buffer.from(t, 'latin1')),
    );
    const resources = dictOf(node.get(PDFName.of('Resources')));
    const fonts = dictOf(resources?.get(PDFName.of('Font')));
    const tokens = tokenize(content);
    const marks: { tag: string; mcid?: number; artifact: boolean }[] = [];
    const mcids = new Set<number>();
    let operands: Token[] = [];
    let font: ReturnType<typeof fontOf> | undefined;
    for (const token of tokens) {
      if (!('op' in token)) {
        operands.push(token);
        continue;
      }
      const { op } = token;
      if (op === 'BDC' || op === 'BMC') {
        const tag = String((operands[0] as { value: string } | undefined)?.value ?? '');
        const props = operands[1] as { kind: string; value: Token[] } | undefined;
        let mcid: number | undefined;
        if (props?.kind === 'dict') {
          const items = props.value as { kind: string; value: unknown }[];
          for (let i = 0; i + 1 < items.length; i++)
            if (items[i]?.kind === 'name' && items[i]?.value === 'MCID') mcid = Number(items[i + 1]?.value);
        }
        const artifact = tag === 'Artifact';
        const inArtifact = marks.some((m) => m.artifact);
        const inTagged = marks.some((m) => m.mcid !== undefined);
        if (claims.pdfua && artifact && inTagged)
          fail('01-003', `page ${index + 1}: artifact inside tagged content`);
        if (claims.pdfua && mcid !== undefined && inArtifact)
          fail('01-004', `page ${index + 1}: tagged content inside an artifact`);
        if (mcid !== undefined) {
          if (mcids.has(mcid)) fail('01-006', `page ${index + 1}: MCID ${mcid} used twice`);
          mcids.add(mcid);
        }
        marks.push({ tag, mcid, artifact });
      } else if (op === 'EMC') {
        if (!marks.pop() && claims.pdfua) fail('01-006', `page ${index + 1}: EMC without BDC`);
      } else if (op === 'Tf') {
        const fontName = String((operands[0] as { value: string } | undefined)?.value ?? '');
        font = fontOf(fonts?.get(PDFName.of(fontName)));
      } else if (PAINTING.has(op)) {
        const covered = marks.some((m) => m.artifact || m.mcid !== undefined);
        if (claims.pdfua && !covered)
          fail('01-005', `page ${index + 1}: "${op}" is neither an artifact nor tagged content`);
        if (TEXT_SHOWING.has(op) && font && claims.pdfa) {
          if (!font.mapped) fail('A 6.2.11.7.2', `font ${font.key} has no ToUnicode`);
          else {
            const shown: Uint8Array[] = [];
            for (const operand of operands) {
              const o = operand as { kind: string; value: unknown };
              if (o.kind === 'string') shown.push(o.value as Uint8Array);
              if (o.kind === 'array')
                for (const item of o.value as { kind: string; value: unknown }[])
                  if (item.kind === 'string') shown.push(item.value as Uint8Array);
            }
            for (const str of shown) {
              const step = font.twoByte ? 2 : 1;
              for (let i = 0; i + step <= str.length; i += step) {
                const code =
                  step === 2 ? ((str[i] as number) << 8) | (str[i + 1] as number) : (str[i] as number);
                if (!font.mapped.has(code)) {
                  fail('A 6.2.11.7.2', `font ${font.key}: code ${code} has no Unicode value`);
                  break;
                }
              }
            }
          }
        }
      }
      operands = [];
    }
    if (marks.length > 0 && claims.pdfua) fail('01-006', `page ${index + 1}: ${marks.length} BDC left open`);
    if (claims.pdfua && structParents instanceof PDFNumber) {
      const entry = parentTree.get(structParents.asNumber()) ?? [];
      const pageRef = page.ref.toString();
      for (const mcid of mcids) {
        const fromTree = owners.get(`${pageRef}:${mcid}`);
        const fromParentTree = entry[mcid]?.toString();
        if (!fromTree) fail('01-006', `page ${index + 1}: MCID ${mcid} belongs to no structure element`);
        else if (fromTree !== fromParentTree)
          fail(
            '01-006',
            `page ${index + 1}: ParentTree says MCID ${mcid} is ${fromParentTree}, the tree ${fromTree}`,
          );
      }
      for (const key of owners.keys()) {
        const [p, m] = key.split(':');
        if (p === pageRef && !mcids.has(Number(m)))
          fail('01-006', `page ${index + 1}: the tree names MCID ${m}, which the page does not have`);
      }
    }
  });

  // --- PDF/A-2 ---------------------------------------------------------------------------------
  if (claims.pdfa) {
    const header = Buffer.from(bytes.slice(0, 20)).toString('latin1');
    if (!/^%PDF-1\.[0-7]/.test(header)) fail('A 6.1.2', 'header is not %PDF-1.x (x ≤ 7)');
    const second = bytes.indexOf(0x0a) + 1;
    const comment = bytes.slice(second, second + 5);
    if (comment[0] !== 0x25 || [...comment.slice(1, 5)].some((b) => b <= 127))
      fail('A 6.1.2', 'no binary comment after the header');
    const trailer = context.trailerInfo;
    if (!trailer.ID) fail('A 6.1.3', 'no trailer /ID');
    if (trailer.Encrypt) fail('A 6.1.3', 'encrypted');
    if (!(metadata instanceof PDFStream)) fail('A 6.6.2.1', 'no metadata stream');
    else {
      if (
        name(metadata.dict.get(PDFName.of('Type'))) !== 'Metadata' ||
        name(metadata.dict.get(PDFName.of('Subtype'))) !== 'XML'
      )
        fail('A 6.6.2.1', 'metadata stream is not /Type /Metadata /Subtype /XML');
      if (/<\?xpacket[^>]*(bytes|encoding)=/.test(xmp)) fail('A 6.6.2.1', 'xpacket has bytes or encoding');
    }
    if (claims.pdfua && !/pdfaSchema:namespaceURI>http:\/\/www\.aiim\.org\/pdfua\/ns\/id\//.test(xmp))
      fail('A 6.6.2.3.1', 'pdfuaid is used without a PDF/A extension schema');
    // Info ↔ XMP.
    const info = dictOf(trailer.Info);
    const pairs: [string, string | undefined][] = [
      ['Title', unescapeXml(xmpDefault('dc:title'))],
      ['Author', unescapeXml(xmpDefault('dc:creator'))],
      ['Subject', unescapeXml(xmpDefault('dc:description'))],
      ['Producer', unescapeXml(xmpValue('pdf:Producer'))],
      ['Creator', unescapeXml(xmpValue('xmp:CreatorTool'))],
    ];
    for (const [key, value] of pairs) {
      const infoValue = text(info?.get(PDFName.of(key)));
      if (infoValue !== undefined && infoValue !== value)
        fail('A 6.6.3', `Info /${key} "${infoValue}" ≠ XMP "${value}"`);
    }
    const dates: [string, string][] = [
      ['CreationDate', 'xmp:CreateDate'],
      ['ModDate', 'xmp:ModifyDate'],
    ];
    for (const [key, property] of dates) {
      const infoDate = text(info?.get(PDFName.of(key)));
      if (!infoDate) continue;
      const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z/.exec(infoDate);
      const iso = m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : infoDate;
      const x = xmpValue(property);
      if (!x || new Date(x).getTime() !== new Date(iso).getTime())
        fail('A 6.6.3', `Info /${key} ${infoDate} ≠ XMP ${property} ${x}`);
    }
    // Output intent.
    const intents = lookup(catalog.get(PDFName.of('OutputIntents')));
    const intent = intents instanceof PDFArray ? dictOf(intents.get(0)) : undefined;
    const profile = lookup(intent?.get(PDFName.of('DestOutputProfile')));
    if (!intent || name(intent.get(PDFName.of('S'))) !== 'GTS_PDFA1' || !(profile instanceof PDFStream))
      fail('A 6.2.3', 'no GTS_PDFA1 output intent with a profile');
    else {
      const icc = streamBytes(profile);
      const space = Buffer.from(icc.slice(16, 20)).toString('latin1');
      const cls = Buffer.from(icc.slice(12, 16)).toString('latin1');
      if (
        space !== 'RGB ' ||
        !['mntr', 'prtr'].includes(cls) ||
        profile.dict.get(PDFName.of('N'))?.toString() !== '3'
      )
        fail('A 6.2.3', `output profile is ${cls}/${space}, N ${profile.dict.get(PDFName.of('N'))}`);
      if ((icc[8] as number) > 4) fail('A 6.2.3', `ICC version ${icc[8]}`);
    }
    // Nothing forbidden anywhere.
    const names = dictOf(catalog.get(PDFName.of('Names')));
    if (names?.get(PDFName.of('JavaScript'))) fail('A 6.6.1', 'JavaScript name tree');
    if (names?.get(PDFName.of('EmbeddedFiles'))) fail('A 6.8', 'embedded files');
    if (catalog.get(PDFName.of('AA'))) fail('A 6.5.2', 'catalog /AA');
    for (const [, object] of context.enumerateIndirectObjects()) {
      const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
      if (!dict) continue;
      const filter = dict.get(PDFName.of('Filter'));
      const filters = filter instanceof PDFArray ? filter.asArray().map(name) : [name(filter)];
      if (filters.includes('LZWDecode')) fail('A 6.1.7.2', 'LZWDecode filter');
      if (object instanceof PDFStream && (dict.get(PDFName.of('F')) || dict.get(PDFName.of('FFilter'))))
        fail('A 6.1.7.1', 'stream with external file');
      const s = name(dict.get(PDFName.of('S')));
      if (s === 'JavaScript' || s === 'Launch' || s === 'ImportData' || s === 'ResetForm')
        fail('A 6.6.1', `${s} action`);
      if (name(dict.get(PDFName.of('Type'))) === 'ExtGState' && dict.get(PDFName.of('TR')))
        fail('A 6.2.5', 'ExtGState with TR');
    }
  }
  return { claims, failures };
};
