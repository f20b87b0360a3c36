/**
 * The ToUnicode CMap of a font embedded with Identity-H: each glyph id (2 bytes) maps to the text
 * of the cluster it was shaped from, so ligatures map to several characters. A glyph that only
 * ever follows the first glyph of its cluster (a piece of a letter Amiri draws in two) has no
 * text of its own; PDF/A-2u still wants a value for every glyph, so it maps to U+200D ZERO WIDTH
 * JOINER, which extraction and screen readers pass over and which changes no Arabic word.
 */

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

const utf16Hex = (text: string): string => {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
};

/** The CMap program; `map` is glyph id → text (empty: a glyph without text of its own). */
export const toUnicodeCMap = (map: ReadonlyMap<number, string>): string => {
  const entries = [...map]
    .map(([gid, text]): [number, string] => [gid, text === '' ? '\u200d' : text])
    .sort((a, b) => a[0] - b[0]);
  const lines = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
  ];
  // A bfchar block holds at most 100 entries.
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    lines.push(`${block.length} beginbfchar`);
    for (const [gid, text] of block) lines.push(`<${hex4(gid)}> <${utf16Hex(text)}>`);
    lines.push('endbfchar');
  }
  lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
  return `${lines.join('\n')}\n`;
};
