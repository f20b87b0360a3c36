/**
 * Hostile Word files: 300 mutations of a real letter (bit flips, truncations, a broken ZIP
 * directory, entries that lie about their size, XML bombs) each end in a conversion or a refusal
 * with a reason — never an exception, never a hang — and the worst of them are stopped by the
 * worker's deadline and heap limit.
 */
import { deflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxRunner } from '../functions/adapters/docx-runner.ts';
import { convertDocx, type DocxResult } from '../functions/domain/docx/convert.ts';
import { letterDocx } from './support/docx.ts';

/** A small deterministic generator, so a failure can be replayed. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const EOCD = [0x50, 0x4b, 0x05, 0x06];
const CENTRAL = [0x50, 0x4b, 0x01, 0x02];
const lastIndexOf = (bytes: Uint8Array, signature: number[]) => {
  for (let i = bytes.length - signature.length; i >= 0; i--) {
    if (signature.every((b, j) => bytes[i + j] === b)) return i;
  }
  return -1;
};
const allIndexes = (bytes: Uint8Array, signature: number[]) => {
  const found: number[] = [];
  for (let i = 0; i <= bytes.length - signature.length; i++) {
    if (signature.every((b, j) => bytes[i + j] === b)) found.push(i);
  }
  return found;
};

const withDocument = (base: Uint8Array, xml: string): Uint8Array => {
  const files = unzipSync(base);
  files['word/document.xml'] = strToU8(xml);
  return zipSync(files);
};

type Mutant = { name: string; bytes: Uint8Array };

function mutants(base: Uint8Array): Mutant[] {
  const next = random(15);
  const out: Mutant[] = [];
  for (let i = 0; i < 120; i++) {
    const bytes = new Uint8Array(base);
    const flips = 1 + Math.floor(next() * 8);
    for (let f = 0; f < flips; f++) {
      const at = Math.floor(next() * bytes.length);
      bytes[at] = (bytes[at] ?? 0) ^ (1 << Math.floor(next() * 8));
    }
    out.push({ name: `bit flips ${i}`, bytes });
  }
  for (let i = 0; i < 60; i++) {
    out.push({ name: `truncated ${i}`, bytes: base.slice(0, Math.floor(next() * base.length)) });
  }
  const eocd = lastIndexOf(base, EOCD);
  const centrals = allIndexes(base, CENTRAL);
  for (let i = 0; i < 40; i++) {
    const bytes = new Uint8Array(base);
    const kind = i % 4;
    if (kind === 0) bytes.fill(0, eocd, eocd + 4);
    else if (kind === 1)
      bytes.set([0xff, 0xff], eocd + 10); // entry count
    else if (kind === 2)
      bytes.set([0xff, 0xff, 0xff, 0x7f], eocd + 16); // directory offset
    else {
      const at = centrals[i % centrals.length] ?? 0;
      bytes.set([Math.floor(next() * 256), Math.floor(next() * 256)], at + 28); // file name length
    }
    out.push({ name: `broken directory ${i}`, bytes });
  }
  for (let i = 0; i < 40; i++) {
    const bytes = new Uint8Array(base);
    const at = centrals[i % centrals.length] ?? 0;
    // Uncompressed size in the directory: huge, or smaller than the data.
    bytes.set(i % 2 === 0 ? [0xff, 0xff, 0xff, 0x7f] : [1, 0, 0, 0], at + 24);
    out.push({ name: `lying size ${i}`, bytes });
  }
  const files = unzipSync(base);
  for (let i = 0; i < 40; i++) {
    const kind = i % 5;
    let bytes: Uint8Array;
    if (kind === 0) {
      bytes = withDocument(
        base,
        `<?xml version="1.0"?><!DOCTYPE w:document [${Array.from({ length: 10 }, (_, n) => `<!ENTITY e${n} "${n === 0 ? 'lol' : `&e${n - 1};`.repeat(10)}">`).join('')}]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&e9;</w:t></w:r></w:p></w:body></w:document>`,
      );
    } else if (kind === 1) {
      // Deep nesting: 20,000 open elements.
      const depth = 20_000 + i;
      bytes = withDocument(
        base,
        `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:sdt><w:sdtContent>'.repeat(depth)}<w:p><w:r><w:t>deep</w:t></w:r></w:p>${'</w:sdtContent></w:sdt>'.repeat(depth)}</w:body></w:document>`,
      );
    } else if (kind === 2) {
      // A part that inflates a thousandfold: 30 MB of spaces.
      const bomb = { ...files, 'word/document.xml': new Uint8Array(30 * 1024 * 1024).fill(0x20) };
      bytes = zipSync(bomb, { level: 9 });
    } else if (kind === 3) {
      // Many paragraphs: more text than a letter has, well inside the limits.
      bytes = withDocument(
        base,
        `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:p><w:r><w:t>x</w:t></w:r></w:p>'.repeat(5_000 + i)}</w:body></w:document>`,
      );
    } else {
      // An external relationship to fetch.
      const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://169.254.169.254/latest/${i}" TargetMode="External"/></Relationships>`;
      bytes = zipSync({ ...files, 'word/_rels/document.xml.rels': strToU8(rels) });
    }
    out.push({ name: `bomb ${i} (kind ${kind})`, bytes });
  }
  return out;
}

describe('hostile .docx files', () => {
  let base: Uint8Array;
  let all: Mutant[];
  beforeAll(async () => {
    base = await letterDocx('en');
    all = mutants(base);
  });

  it('300 mutants: each converts or is refused with reasons, each within 3 s', {
    timeout: 300_000,
  }, async () => {
    expect(all).toHaveLength(300);
    let refused = 0;
    for (const mutant of all) {
      const started = performance.now();
      let result: DocxResult;
      try {
        result = await convertDocx(mutant.bytes);
      } catch (error) {
        throw new Error(`${mutant.name} threw: ${String(error)}`);
      }
      const ms = performance.now() - started;
      expect(ms, `${mutant.name} took ${ms.toFixed(0)} ms`).toBeLessThan(3_000);
      if (result.ok) {
        expect(result.value.letter.body, mutant.name).toEqual(expect.any(String));
      } else {
        refused++;
        expect(result.problems.length, mutant.name).toBeGreaterThan(0);
        for (const problem of result.problems) expect(problem, mutant.name).toMatch(/\w{3}/);
      }
    }
    // Nearly every mutant is broken beyond reading; the count shows the test bites.
    expect(refused).toBeGreaterThan(200);
  });

  it('the bombs are refused before mammoth runs, by name', async () => {
    const bombs = all.filter((m) => m.name.startsWith('bomb'));
    const [entities, , inflating, , external] = bombs;
    expect(await convertDocx(entities?.bytes ?? base)).toEqual({
      ok: false,
      problems: ['the part word/document.xml declares a DTD or entities, which Distr refuses'],
    });
    expect(await convertDocx(inflating?.bytes ?? base)).toEqual({
      ok: false,
      problems: [expect.stringMatching(/ZIP bomb|inflate to over/)],
    });
    expect(await convertDocx(external?.bytes ?? base)).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^the file links to outside content \(image “http:\/\/169\.254/)],
    });
  });

  it('a part that lies about its size is measured as inflated', async () => {
    const files = unzipSync(base);
    const huge = new Uint8Array(45 * 1024 * 1024).fill(0x20);
    // Stored with a deflate stream of 45 MB of spaces but any size written in its header.
    const zipped = zipSync({ ...files, 'word/document.xml': [huge, { level: 9 }] });
    expect(deflateSync(huge).length).toBeLessThan(100_000);
    expect(await convertDocx(zipped)).toEqual({
      ok: false,
      problems: [expect.stringMatching(/ZIP bomb|inflate/)],
    });
  });

  it('the worker stops a conversion over its deadline, and the process goes on', {
    timeout: 60_000,
  }, async () => {
    // 14 MB of text in 600 paragraphs: inside the ZIP limits, seconds of work.
    const words = Array.from({ length: 4000 }, (_, i) => `w${(i * 7919) % 10007}`).join(' ');
    const heavy = withDocument(
      base,
      `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${Array.from({ length: 600 }, (_, i) => `<w:p><w:r><w:t>${i} ${words}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`,
    );
    const convert = docxRunner({ deadlineMs: 1_000, maxHeapMb: 64 });
    const started = performance.now();
    expect(await convert(heavy)).toEqual({
      ok: false,
      problems: ['the file could not be converted within 1.0 s; simplify it'],
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    // The next file gets a fresh worker.
    const next = await convert(base);
    expect(next.ok).toBe(true);
  });
});
