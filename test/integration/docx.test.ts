/**
 * Word files through real HTTP against a whole local Distr: the preview route answers the
 * converted letter and stores nothing; a submission whose body is a `.docx` is stored with the
 * converted Markdown and the original file beside it (its SHA-256 on the submission); what cannot
 * be set is a 422 naming the paragraph; an officer puts a language version from a `.docx`.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { callsTo, documentPath } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { entityDocx, LETTERS, letterDocx, tableDocx } from '../support/docx.ts';
import { fixture } from '../support/fixtures.ts';
import { seedDocument } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';

const sample = fixture('sample-submission.json') as Record<string, unknown> & {
  from: Record<string, unknown>;
};
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const distr = useTestDistr();
let clients: AwsClients;
let mission: string;
let officer: string;
const call = callsTo(distr);

beforeAll(async () => {
  clients = createAwsClients(distr.env);
  [mission, officer] = await Promise.all([tokenFor(distr, 'mission', 'DEU'), tokenFor(distr, 'officer')]);
});

describe('POST /v1/conversions/docx', () => {
  it('answers the converted letter, with the file’s SHA-256, to mission and officer alike', async () => {
    const docx = await letterDocx('en');
    for (const token of [mission, officer]) {
      const res = await call('POST', '/v1/conversions/docx', { token, body: { docx: b64(docx) } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.letter.title).toBe(LETTERS.en.title);
      expect(res.body.letter.signature).toEqual({
        name: 'Antje **Leendertse**',
        title: ['Permanent Representative'],
      });
      expect(res.body.sha256).toBe(createHash('sha256').update(docx).digest('hex'));
    }
  });

  it('refuses a table with a 422 naming the paragraph and the PDF-annex route', async () => {
    const res = await call('POST', '/v1/conversions/docx', {
      token: mission,
      body: { docx: b64(await tableDocx()) },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body['invalid-params']).toEqual([
      {
        name: '/docx',
        reason: expect.stringMatching(/^after paragraph 2 \(“The Council welcomed.*PDF annex/),
      },
    ]);
  });

  it('refuses what is not a .docx, and a body that is not base64', async () => {
    const notDocx = await call('POST', '/v1/conversions/docx', {
      token: mission,
      body: { docx: b64(new TextEncoder().encode('just text')) },
    });
    expect(notDocx.status).toBe(422);
    expect(notDocx.body['invalid-params'][0].reason).toContain('not a .docx');
    const notBase64 = await call('POST', '/v1/conversions/docx', { token: mission, body: { docx: '%%%' } });
    expect(notBase64.status).toBe(422);
  });
});

describe('hostile Word files through the service', () => {
  it('each answers 200 or a 4xx problem, never a 5xx: truncations, bit flips, bombs', {
    timeout: 120_000,
  }, async () => {
    const base = await letterDocx('en');
    const files: Uint8Array[] = [await entityDocx()];
    for (let i = 1; i <= 8; i++) files.push(base.slice(0, Math.floor((base.length * i) / 9)));
    for (let i = 0; i < 8; i++) {
      const flipped = new Uint8Array(base);
      const at = Math.floor(((i + 1) * 7919 * 13) % flipped.length);
      flipped[at] = (flipped[at] ?? 0) ^ 0x5a;
      files.push(flipped);
    }
    const statuses: number[] = [];
    for (const file of files) {
      const res = await call('POST', '/v1/conversions/docx', { token: mission, body: { docx: b64(file) } });
      statuses.push(res.status);
      if (res.status !== 200) {
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(res.body['invalid-params'][0].name).toBe('/docx');
      }
    }
    expect(
      statuses.every((status) => status === 200 || status === 422),
      statuses.join(' '),
    ).toBe(true);
    expect(statuses.filter((status) => status === 422).length).toBeGreaterThanOrEqual(9);
  });
});

describe('POST /v1/submissions with bodyDocx', () => {
  it('stores the converted body and the original file beside the submission, with its SHA-256', async () => {
    const docx = await letterDocx('en');
    const { body: _body, annexes: _annexes, ...rest } = sample;
    const res = await call('POST', '/v1/submissions', {
      token: mission,
      body: { ...rest, from: { ...sample.from, state: 'DEU' }, bodyDocx: b64(docx) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const sha256 = createHash('sha256').update(docx).digest('hex');
    expect(res.body.source).toEqual({
      kind: 'docx',
      bytes: docx.byteLength,
      sha256,
      paragraphs: expect.any(Number),
    });
    expect(res.body.submission.body).toContain('1. The meeting opened with a statement by the Chair.');
    expect(res.body.submission.body).toContain('[^1]: See document A/79/100.');
    expect(res.body.submission.annexes).toEqual([
      { heading: 'Annex', title: 'Summary of the meeting', body: 'The Chair thanked the participants.' },
    ]);
    expect(res.body.submission.bodyDocx).toBeUndefined();
    const { Contents } = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: distr.env.BUCKET_NAME, Prefix: `submissions/${res.body.id}/` }),
    );
    expect((Contents ?? []).map((o) => o.Key)).toEqual([`submissions/${res.body.id}/source.docx`]);
    const object = await clients.s3.send(
      new GetObjectCommand({ Bucket: distr.env.BUCKET_NAME, Key: `submissions/${res.body.id}/source.docx` }),
    );
    const stored = await object.Body?.transformToByteArray();
    expect(
      createHash('sha256')
        .update(stored ?? new Uint8Array())
        .digest('hex'),
    ).toBe(sha256);
    const read = await call('GET', `/v1/submissions/${res.body.id}`, { token: mission });
    expect(read.body.source.sha256).toBe(sha256);
  });

  it('refuses body and bodyDocx together, and a file with a table, naming /bodyDocx', async () => {
    const both = await call('POST', '/v1/submissions', {
      token: mission,
      body: { ...sample, from: { ...sample.from, state: 'DEU' }, bodyDocx: b64(await letterDocx('en')) },
    });
    expect(both.status).toBe(422);
    expect(both.body['invalid-params'].map((p: { name: string }) => p.name)).toContain('/bodyDocx');
    const { body: _body, ...rest } = sample;
    const table = await call('POST', '/v1/submissions', {
      token: mission,
      body: {
        ...rest,
        annexes: [],
        from: { ...sample.from, state: 'DEU' },
        bodyDocx: b64(await tableDocx()),
      },
    });
    expect(table.status).toBe(422);
    expect(table.body['invalid-params']).toEqual([
      { name: '/bodyDocx', reason: expect.stringContaining('a table beginning “Budget line Amount”') },
    ]);
  });
});

describe('PUT …/versions/{lang} with bodyDocx', () => {
  it('stores a translation from its Word file: title, body, signature and annex from the file', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/915'], jobNumber: '25-09015' });
    const path = `${documentPath(doc.symbol)}/versions/ru`;
    const res = await call('PUT', path, { token: officer, body: { bodyDocx: b64(await letterDocx('ru')) } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const t = LETTERS.ru;
    expect(res.body.version).toMatchObject({
      title: t.title,
      signature: { name: `${t.given} **${t.surname}**`, title: t.titles },
      annexes: [{ heading: t.annex, title: t.annexTitle, body: t.annexBody }],
    });
    expect(res.body.version.body).toContain(`1. ${t.numbered[0]}`);
    const refused = await call('PUT', path, { token: officer, body: { bodyDocx: b64(await tableDocx()) } });
    expect(refused.status).toBe(422);
    expect(refused.body['invalid-params'][0]).toMatchObject({ name: '/bodyDocx' });
    // A mission cannot put versions, with a file or without.
    const forbidden = await call('PUT', path, {
      token: mission,
      body: { bodyDocx: b64(await letterDocx('ru')) },
    });
    expect(forbidden.status).toBe(403);
  });
});
