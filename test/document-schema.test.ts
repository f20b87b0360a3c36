/**
 * `templates/document.schema.json` is the published JSON Schema of the document file. It is
 * generated from `documentSchema`; this test fails when the two drift apart.
 * Regenerate with: UPDATE_SCHEMA=1 npx vitest run test/document-schema.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentSchema } from '../functions/domain/document.ts';

const FILE = fileURLToPath(new URL('../templates/document.schema.json', import.meta.url));

/** The schema of what a caller writes (`io: 'input'`): fields with defaults are optional. */
function generated(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(documentSchema, { io: 'input' }),
    title: 'Distr document file',
  };
}

describe('templates/document.schema.json', () => {
  if (process.env.UPDATE_SCHEMA === '1') {
    writeFileSync(FILE, `${JSON.stringify(generated(), null, 2)}\n`);
  }

  it('equals the schema generated from documentSchema', () => {
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(generated());
  });

  it('describes the document file: required fields and the organ union', () => {
    const schema = generated() as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(
      expect.arrayContaining(['kind', 'symbols', 'jobNumber', 'issued', 'originalLanguage', 'circulation']),
    );
    expect(schema.required).not.toContain('distribution');
    expect(JSON.stringify(schema.properties.circulation)).toContain('"ECOSOC"');
  });
});
