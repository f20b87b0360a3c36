import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTemplate, readTemplate, templateSchema } from '../functions/render/template.ts';

const dirWith = (files: Record<string, unknown>): URL => {
  const dir = mkdtempSync(join(tmpdir(), 'distr-templates-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(content));
  return pathToFileURL(`${dir}/`);
};

describe('templates', () => {
  it('loads and validates both document kinds, with US Letter and A4', () => {
    const letter = loadTemplate('letter');
    expect(letter.kind).toBe('letter');
    expect(letter.paper.letter).toEqual({ width: 612, height: 792 });
    expect(letter.paper.a4.width).toBeCloseTo(595.28);
    const note = loadTemplate('note-verbale');
    expect(note.kind).toBe('note-verbale');
    // The note verbale inherits the letter's masthead.
    expect(note.masthead).toEqual(letter.masthead);
  });

  it('keeps the text column inside the frame on both paper sizes', () => {
    const t = loadTemplate('letter');
    for (const paper of Object.values(t.paper)) {
      expect(t.column.left).toBeGreaterThanOrEqual(t.frame.left);
      expect(t.column.left + t.column.width).toBeLessThanOrEqual(paper.width - t.frame.right);
    }
  });

  it('merges a child over its parent, objects key by key', () => {
    const base = structuredClone(readTemplate('letter')) as Record<string, unknown>;
    const dir = dirWith({ base, child: { extends: 'base', kind: 'note-verbale', body: { size: 11 } } });
    const child = templateSchema.parse(readTemplate('child', dir));
    expect(child.kind).toBe('note-verbale');
    expect(child.body.size).toBe(11);
    expect(child.body.leading).toBe(loadTemplate('letter').body.leading);
  });

  it('rejects unknown keys, negative lengths and extension cycles, naming the problem', () => {
    const base = structuredClone(readTemplate('letter')) as Record<string, Record<string, unknown>>;
    const typo = templateSchema.safeParse({ ...base, body: { ...base.body, leadng: 12 } });
    expect(typo.success).toBe(false);
    expect(JSON.stringify(typo.error?.issues)).toContain('leadng');
    const negative = templateSchema.safeParse({ ...base, frame: { left: -5, right: 60 } });
    expect(negative.success).toBe(false);
    expect(negative.error?.issues[0]?.path).toEqual(['frame', 'left']);
    const dir = dirWith({ a: { extends: 'b' }, b: { extends: 'a' } });
    expect(() => readTemplate('a', dir)).toThrow(/extends itself/);
    expect(() => readTemplate('../etc', dir)).toThrow(/not a plain name/);
  });
});
