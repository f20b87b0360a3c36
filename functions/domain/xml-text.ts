/**
 * Text and attribute values for any XML Distr writes (the Atom feed; any metadata packet). XML 1.0
 * forbids some characters outright, escaped or not: C0 controls other than tab, newline and
 * carriage return, unpaired surrogates, U+FFFE and U+FFFF. One such character in one title makes
 * the whole document not well-formed, and readers then reject every entry, so each is replaced by
 * U+FFFD (the replacement character: visible, and says something was there) before escaping.
 */

const allowedCode = (code: number) =>
  code >= 0x20 ? code !== 0xfffe && code !== 0xffff : code === 0x09 || code === 0x0a || code === 0x0d;

const ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Only characters XML 1.0 allows: the forbidden ones become U+FFFD. */
export function xmlChars(text: string): string {
  // Unpaired surrogates become U+FFFD here; the controls and the two noncharacters below.
  const paired = text.toWellFormed();
  for (let i = 0; i < paired.length; i++) {
    if (!allowedCode(paired.charCodeAt(i))) {
      return Array.from(paired, (c) => (allowedCode(c.charCodeAt(0)) ? c : '\uFFFD')).join('');
    }
  }
  return paired;
}

/** Safe as element text and as a quoted attribute value. */
export const escapeXml = (text: string): string =>
  xmlChars(text).replace(/[<>&"']/g, (c) => ENTITIES[c] ?? c);
