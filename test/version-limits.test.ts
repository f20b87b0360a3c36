import { describe, expect, it } from 'vitest';
import { fieldProblems } from '../functions/domain/field-problems.ts';
import { MAX_VERSION_BYTES, versionBodySchema } from '../functions/http/distribution.ts';
import { loadFixture } from './support/fixtures.ts';

const english = () => {
  const version = loadFixture().versions.en;
  if (!version) throw new Error('the sample has an English version');
  return version;
};
const refusal = (input: unknown) => {
  const parsed = versionBodySchema.safeParse(input);
  return parsed.success ? [] : fieldProblems(parsed.error.issues).map((p) => p.field);
};

describe('a language version is bounded before it is stored', () => {
  it('accepts the sample version as it is', () => {
    expect(refusal(english())).toEqual([]);
  });

  it('refuses a title longer than a submission may have, naming it', () => {
    expect(refusal({ ...english(), title: 'Letter '.repeat(15_000) })).toEqual(['/title']);
  });

  it('refuses a version whose item could not be stored (DynamoDB: 400 KB), naming the whole body', () => {
    const paragraph = 'ووفقا لذلك، يطلب إلى الأمين العام أن يقدم تقريرا. ';
    const body = paragraph.repeat(Math.ceil(MAX_VERSION_BYTES / Buffer.byteLength(paragraph)) + 1);
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_VERSION_BYTES);
    expect(refusal({ ...english(), body })).toEqual(['']);
  });
});
