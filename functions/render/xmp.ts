/**
 * The XMP metadata stream PDF/A asks for, saying what the Info dictionary says (title, subject,
 * author, producer, creator tool, dates) plus the document's language and symbols, and which
 * conformance the file claims: `pdfaid` (PDF/A-2u) and `pdfuaid` (PDF/UA-1), each only when the
 * renderer can back it. PDF/A-2 knows no `pdfuaid` schema, so when both are claimed the packet
 * describes it in a PDF/A extension schema. The stream is Flate-compressed, a third of its size:
 * PDF/A-1 forbade a filter on the catalog's metadata stream, PDF/A-2 (6.6.2.1) and PDF/UA-1 do not,
 * and every PDF reader inflates it like any other stream.
 */
import { deflateSync } from 'node:zlib';
import { type PDFDocument, PDFName } from 'pdf-lib';
import { xmlChars } from '../domain/xml-text.ts';

/** What a rendered PDF conforms to. */
export type Conformance = 'PDF/A-2u' | 'PDF/UA-1';

export interface XmpFields {
  title: string;
  /** BCP 47 tag of the document's language. */
  lang: string;
  /** Info /Subject. */
  description: string;
  /** Info /Author. */
  creator: string;
  /** The document symbols. */
  identifier: string;
  producer: string;
  creatorTool: string;
  /** Creation and modification date, ISO 8601 in UTC. */
  date: string;
  conformance: readonly Conformance[];
}

// Characters XML forbids become U+FFFD first, so a control in a stored title cannot break the packet.
const escapeXml = (text: string): string =>
  xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const PDFUA_EXTENSION = [
  '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
  '<pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>',
  '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>',
  '<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>',
  '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">',
  '<pdfaProperty:name>part</pdfaProperty:name>',
  '<pdfaProperty:valueType>Integer</pdfaProperty:valueType>',
  '<pdfaProperty:category>internal</pdfaProperty:category>',
  '<pdfaProperty:description>Part of ISO 14289</pdfaProperty:description>',
  '</rdf:li></rdf:Seq></pdfaSchema:property>',
  '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
].join('');

/** The XMP packet (UTF-8 text). */
export const xmpPacket = (f: XmpFields): string => {
  const archival = f.conformance.includes('PDF/A-2u');
  const accessible = f.conformance.includes('PDF/UA-1');
  const title = escapeXml(f.title);
  const ns = [
    'xmlns:dc="http://purl.org/dc/elements/1.1/"',
    'xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    'xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ...(archival ? ['xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"'] : []),
    ...(accessible ? ['xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'] : []),
    ...(archival && accessible
      ? [
          'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"',
          'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"',
          'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"',
        ]
      : []),
  ];
  // Simple properties as attributes of the description, the shortest form RDF allows.
  const simple = [
    `dc:identifier="${escapeXml(f.identifier)}"`,
    `xmp:CreateDate="${f.date}"`,
    `xmp:ModifyDate="${f.date}"`,
    `xmp:CreatorTool="${escapeXml(f.creatorTool)}"`,
    `pdf:Producer="${escapeXml(f.producer)}"`,
    ...(archival ? ['pdfaid:part="2"', 'pdfaid:conformance="U"'] : []),
    ...(accessible ? ['pdfuaid:part="1"'] : []),
  ];
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" ${ns.join(' ')} ${simple.join(' ')}>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li><rdf:li xml:lang="${f.lang}">${title}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(f.description)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(f.creator)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:language><rdf:Bag><rdf:li>${f.lang}</rdf:li></rdf:Bag></dc:language>`,
    ...(archival && accessible ? [PDFUA_EXTENSION] : []),
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
};

/** Puts the packet in the catalog's /Metadata. */
export const setXmp = (pdf: PDFDocument, fields: XmpFields): void => {
  const { context } = pdf;
  const packet = new TextEncoder().encode(xmpPacket(fields));
  const stream = context.stream(deflateSync(packet, { level: 9 }), {
    Type: 'Metadata',
    Subtype: 'XML',
    Filter: 'FlateDecode',
  });
  pdf.catalog.set(PDFName.of('Metadata'), context.register(stream));
};
