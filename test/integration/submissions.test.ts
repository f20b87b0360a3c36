/**
 * Submissions through real HTTP against a whole local Distr: create (with idempotency), read, list,
 * reject, PDF annexes inline and through a presigned upload, and every bad input answered with a
 * problem that names the field and leaves nothing behind.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { submissionPorts } from '../../functions/wiring/submissions.ts';
import { type Answer, callsTo, call as request } from '../support/client.ts';
import { startTestDistr, useTestDistr } from '../support/distr.ts';
import { fixture } from '../support/fixtures.ts';
import { tokenFor } from '../support/tokens.ts';

const sample = fixture('sample-submission.json') as Record<string, unknown> & {
  from: Record<string, unknown>;
  annexes: Record<string, unknown>[];
};

/** A short valid letter from `state`, with `patch` applied. */
const letter = (patch: Record<string, unknown> = {}, state = 'DEU'): Record<string, unknown> => ({
  ...sample,
  from: { ...sample.from, state },
  annexes: [],
  ...patch,
});

/** Mission DEU submits `letter(patch)`. */
const submitLetter = (patch?: Record<string, unknown>) =>
  call('POST', '/v1/submissions', { token: mission, body: letter(patch) });

async function pdf(pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Annex page ${i + 1}`, { x: 72, y: 700 });
  return doc.save();
}

/** A PDF whose trailer names an encryption dictionary, as a password-protected file does. */
async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: 2, R: 3, Length: 128 });
  return doc.save();
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const distr = useTestDistr();
let clients: AwsClients;
let mission: string;
let otherMission: string;
let officer: string;

const call = callsTo(distr);

/** What the attachment check takes: this instance's table, bucket and clients. */
/** Every submission item of `state` in the table (through its index, as the API reads them). */
async function storedFor(state: string): Promise<Record<string, unknown>[]> {
  const { Items } = await clients.db.send(
    new QueryCommand({
      TableName: distr.env.TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `SUBMISSIONS#STATE#${state}` },
    }),
  );
  return Items ?? [];
}

async function objectsUnder(prefix: string): Promise<string[]> {
  const { Contents } = await clients.s3.send(
    new ListObjectsV2Command({ Bucket: distr.env.BUCKET_NAME, Prefix: prefix }),
  );
  return (Contents ?? []).map((o) => o.Key ?? '');
}

/** Asserts a problem+json answer naming `field` (if given). */
function expectProblem(answer: Answer, status: number, field?: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.body.status).toBe(status);
  expect(answer.body.detail).toEqual(expect.any(String));
  if (field !== undefined) {
    expect(answer.body['invalid-params']?.map((p: { name: string }) => p.name)).toContain(field);
  }
}

beforeAll(async () => {
  clients = createAwsClients(distr.env);
  [mission, otherMission, officer] = await Promise.all([
    tokenFor(distr, 'mission', 'DEU'),
    tokenFor(distr, 'mission', 'FRA'),
    tokenFor(distr, 'officer'),
  ]);
});

/** Registration's check of a submission's attachments, on this file's instance. */
async function verifyAttachmentsOf(id: string) {
  const { verifyAttachments } = await import('../../functions/http/submissions.ts');
  const deps = submissionPorts(clients, {
    tableName: distr.env.TABLE_NAME ?? '',
    bucketName: distr.env.BUCKET_NAME ?? '',
  });
  return verifyAttachments(deps, id);
}

describe('POST /v1/submissions', () => {
  it('answers 404, not 500, for an id that cannot exist, however long, on every submission route', async () => {
    const id = 'a'.repeat(3000);
    const answers = await Promise.all([
      call('GET', `/v1/submissions/${id}`, { token: officer }),
      call('POST', `/v1/submissions/${id}/register`, { token: officer, body: {} }),
      call('POST', `/v1/submissions/${id}/reject`, { token: officer, body: { reason: 'Not for us.' } }),
      call('POST', `/v1/submissions/${id}/attachments`, {
        token: mission,
        body: { annex: 1, contentType: 'application/pdf', bytes: 10 },
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
  });

  it('stores the sample submission and answers 201 with its id, status and Location', async () => {
    const res = await call('POST', '/v1/submissions', { token: mission, body: sample });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'received', state: 'DEU' });
    expect(res.body.id).toMatch(/^[0-9a-f]{20}$/);
    expect(res.headers.get('location')).toBe(`/v1/submissions/${res.body.id}`);
    expect(res.body.submission.title).toBe(sample.title);
    expect(res.body.submission.annexes[0].title).toBe(sample.annexes[0]?.title);
    expect(res.body.timeline).toEqual([
      { step: 'received', at: res.body.createdAt, actor: { role: 'mission', tokenId: expect.any(String) } },
    ]);

    const item = (await storedFor('DEU')).find((i) => i.id === res.body.id);
    expect(item).toMatchObject({
      pk: `SUBMISSION#${res.body.id}`,
      sk: 'SUBMISSION',
      status: 'received',
      gsi2pk: 'SUBMISSIONS#STATUS#received',
      gsi3pk: 'SUBMISSIONS',
      gsi3sk: `${res.body.createdAt}#${res.body.id}`,
    });

    const read = await call('GET', `/v1/submissions/${res.body.id}`, { token: mission });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('checks an inline PDF annex, stores it in the bucket and keeps only a reference in the item', async () => {
    const bytes = await pdf(3);
    const res = await submitLetter({ annexes: [{ heading: 'Annex', pdfBase64: b64(bytes) }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.submission.annexes).toEqual([{ heading: 'Annex', attachment: 'inline.0' }]);
    expect(res.body.attachments).toEqual([
      {
        id: 'inline.0',
        annex: 0,
        source: 'inline',
        status: 'verified',
        pages: 3,
        bytes: bytes.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    const item = (await storedFor('DEU')).find((i) => i.id === res.body.id);
    expect(JSON.stringify(item)).not.toContain(b64(bytes).slice(0, 40));
    expect(await objectsUnder(`submissions/${res.body.id}/`)).toEqual([
      `submissions/${res.body.id}/attachments/inline.0.pdf`,
    ]);
  });
});

describe('bad input: a problem naming the field, and nothing stored', () => {
  const cases: [
    string,
    () => Promise<{ body: unknown; headers?: Record<string, string> }>,
    number,
    string?,
  ][] = [
    ['a missing title', async () => ({ body: letter({ title: undefined }) }), 422, '/title'],
    ['an unknown field', async () => ({ body: letter({ colour: 'blue' }) }), 422, '/colour'],
    [
      'a GA circulation with no agenda item',
      async () => ({ body: letter({ circulation: [{ organ: 'GA', session: 79 }] }) }),
      422,
      '/circulation/0/agendaItems',
    ],
    [
      'more than 10 annexes',
      async () => ({
        body: letter({ annexes: Array.from({ length: 11 }, () => ({ heading: 'Annex', body: 'Text.' })) }),
      }),
      422,
      '/annexes',
    ],
    [
      'more than 10,700 words',
      async () => ({ body: letter({ body: 'word '.repeat(10_701) }) }),
      422,
      '/body',
    ],
    [
      'an inline PDF that is not a PDF',
      async () => ({
        body: letter({ annexes: [{ heading: 'Annex', pdfBase64: b64(Buffer.from('hello')) }] }),
      }),
      422,
      '/annexes/0/pdfBase64',
    ],
    [
      'an inline PDF that does not parse',
      async () => ({
        body: letter({
          annexes: [{ heading: 'Annex', pdfBase64: b64(Buffer.from('%PDF-1.7\nnot really a pdf')) }],
        }),
      }),
      422,
      '/annexes/0/pdfBase64',
    ],
    [
      'an encrypted inline PDF',
      async () => ({
        body: letter({ annexes: [{ heading: 'Annex', pdfBase64: b64(await encryptedPdf()) }] }),
      }),
      422,
      '/annexes/0/pdfBase64',
    ],
    [
      'two annexes declaring the same attachment',
      async () => ({
        body: letter({
          annexes: [
            { heading: 'Annex I', attachment: 'map' },
            { heading: 'Annex II', attachment: 'map' },
          ],
        }),
      }),
      422,
      '/annexes/1/attachment',
    ],
    [
      'a letter from another State than the token’s',
      async () => ({ body: letter({}, 'FRA') }),
      403,
      '/from/state',
    ],
    [
      'malformed JSON',
      async () => ({ body: '{"kind": "letter",', headers: { 'content-type': 'application/json' } }),
      422,
    ],
    [
      'a body that is not JSON',
      async () => ({ body: 'kind=letter', headers: { 'content-type': 'text/plain' } }),
      415,
    ],
    ['a body over 1 MB', async () => ({ body: letter({ body: 'x'.repeat(1_100_000) }) }), 413],
    [
      'a malformed Idempotency-Key',
      async () => ({ body: letter(), headers: { 'idempotency-key': 'has spaces in it' } }),
      400,
      'Idempotency-Key',
    ],
  ];

  for (const [name, make, status, field] of cases) {
    it(`${name} → ${status}${field ? ` naming ${field}` : ''}`, async () => {
      const before = (await storedFor('DEU')).length;
      const objects = (await objectsUnder('submissions/')).length;
      const { body, headers } = await make();
      const res = await call('POST', '/v1/submissions', { token: mission, body, headers });
      expectProblem(res, status, field);
      expect((await storedFor('DEU')).length).toBe(before);
      expect((await storedFor('FRA')).length).toBe(0);
      expect((await objectsUnder('submissions/')).length).toBe(objects);
    });
  }
});

describe('Idempotency-Key', () => {
  it('answers a repeat with the same body with the first response, storing one submission', async () => {
    const key = `repeat-${Date.now()}`;
    const body = letter({ title: 'Letter sent twice' });
    const first = await call('POST', '/v1/submissions', {
      token: mission,
      body,
      headers: { 'idempotency-key': key },
    });
    // The same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await call('POST', '/v1/submissions', {
      token: mission,
      body: reordered,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const stored = (await storedFor('DEU')).filter(
      (i) => (i.submission as { title: string }).title === (body.title as string),
    );
    expect(stored).toHaveLength(1);
  });

  it('stores one submission when two requests with the same key arrive together', async () => {
    const key = `together-${Date.now()}`;
    const body = letter({ title: 'Letter sent twice at once' });
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        call('POST', '/v1/submissions', { token: mission, body, headers: { 'idempotency-key': key } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const stored = (await storedFor('DEU')).filter(
      (i) => (i.submission as { title: string }).title === (body.title as string),
    );
    expect(stored).toHaveLength(1);
  });

  it('refuses the same key with a different body (422 naming the header), storing nothing more', async () => {
    const key = `changed-${Date.now()}`;
    const first = await call('POST', '/v1/submissions', {
      token: mission,
      body: letter({ title: 'First body' }),
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    const before = (await storedFor('DEU')).length;
    const second = await call('POST', '/v1/submissions', {
      token: mission,
      body: letter({ title: 'Second body' }),
      headers: { 'idempotency-key': key },
    });
    expectProblem(second, 422, 'Idempotency-Key');
    expect((await storedFor('DEU')).length).toBe(before);
  });

  it('keeps one mission’s keys apart from another’s', async () => {
    const key = `shared-${Date.now()}`;
    const de = await call('POST', '/v1/submissions', {
      token: mission,
      body: letter(),
      headers: { 'idempotency-key': key },
    });
    const fr = await call('POST', '/v1/submissions', {
      token: otherMission,
      body: letter({}, 'FRA'),
      headers: { 'idempotency-key': key },
    });
    expect(de.status).toBe(201);
    expect(fr.status).toBe(201);
    expect(fr.body.id).not.toBe(de.body.id);
  });
});

describe('listing', () => {
  it('pages newest first with an opaque cursor; a mission sees its own, an officer all', async () => {
    const fresh = await startTestDistr();
    try {
      const [de, fr, off] = await Promise.all([
        tokenFor(fresh, 'mission', 'DEU'),
        tokenFor(fresh, 'mission', 'FRA'),
        tokenFor(fresh, 'officer'),
      ]);
      const post = async (token: string, body: unknown) => {
        const res = await request<{ id: string }>(fresh, 'POST', '/v1/submissions', { token, body });
        expect(res.status).toBe(201);
        return res.body.id;
      };
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await post(de, letter({ title: `German letter ${i}` })));
      const frId = await post(fr, letter({ title: 'French letter' }, 'FRA'));
      const get = (token: string, query: string) =>
        request<{ items: { id: string; title: string }[]; nextCursor: string | null }>(
          fresh,
          'GET',
          `/v1/submissions${query}`,
          { token },
        );

      const page1 = await get(de, '?limit=2');
      expect(page1.body.items.map((i) => i.id)).toEqual([ids[4], ids[3]]);
      const page2 = await get(de, `?limit=2&cursor=${page1.body.nextCursor}`);
      expect(page2.body.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
      const page3 = await get(de, `?limit=2&cursor=${page2.body.nextCursor}`);
      expect(page3.body.items.map((i) => i.id)).toEqual([ids[0]]);
      expect(page3.body.nextCursor).toBeNull();
      expect(page1.body.items[0]).toMatchObject({
        status: 'received',
        state: 'DEU',
        title: 'German letter 4',
      });

      const all = await get(off, '');
      expect(all.body.items.map((i) => i.id)).toEqual([frId, ...[...ids].reverse()]);
      const frOnly = await get(fr, '');
      expect(frOnly.body.items.map((i) => i.id)).toEqual([frId]);

      // Reject two, then filter by status: officers through the status index, missions through their own.
      for (const id of [ids[1], frId]) {
        const res = await request(fresh, 'POST', `/v1/submissions/${id}/reject`, {
          token: off,
          body: { reason: 'Not for circulation' },
        });
        expect(res.status).toBe(200);
      }
      expect((await get(off, '?status=rejected')).body.items.map((i) => i.id)).toEqual([frId, ids[1]]);
      expect((await get(de, '?status=rejected&limit=1')).body.items.map((i) => i.id)).toEqual([ids[1]]);
      const deReceived = await get(de, '?status=received&limit=3');
      expect(deReceived.body.items.map((i) => i.id)).toEqual([ids[4], ids[3], ids[2]]);
      const deReceived2 = await get(de, `?status=received&limit=3&cursor=${deReceived.body.nextCursor}`);
      expect(deReceived2.body.items.map((i) => i.id)).toEqual([ids[0]]);
    } finally {
      await fresh.dispose();
    }
  }, 60_000);

  it.each([
    ['?status=lost', 'status'],
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?limit=ten', 'limit'],
    ['?cursor=not-a-cursor', 'cursor'],
  ])('%s → 400 naming %s', async (query, field) => {
    expectProblem(await call('GET', `/v1/submissions${query}`, { token: officer }), 400, field);
  });
});

describe('rejection', () => {
  it('moves a received submission to rejected with the reason, once; a repeat answers alike', async () => {
    const created = await submitLetter();
    const path = `/v1/submissions/${created.body.id}/reject`;
    const first = await call('POST', path, {
      token: officer,
      body: { reason: 'Duplicate of an earlier letter' },
    });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('rejected');
    expect(first.body.timeline.map((s: { step: string }) => s.step)).toEqual(['received', 'rejected']);
    expect(first.body.timeline[1]).toMatchObject({
      reason: 'Duplicate of an earlier letter',
      actor: { role: 'officer', tokenId: expect.any(String) },
    });
    const again = await call('POST', path, {
      token: officer,
      body: { reason: 'Duplicate of an earlier letter' },
    });
    expect(again.status).toBe(200);
    expect(again.body.timeline).toHaveLength(2);
    expectProblem(await call('POST', path, { token: officer, body: { reason: 'Another reason' } }), 409);
    const read = await call('GET', `/v1/submissions/${created.body.id}`, { token: mission });
    expect(read.body.status).toBe('rejected');
  });

  it('needs a reason (422 naming /reason) and changes nothing without one', async () => {
    const created = await submitLetter();
    const path = `/v1/submissions/${created.body.id}/reject`;
    expectProblem(await call('POST', path, { token: officer, body: {} }), 422, '/reason');
    expectProblem(await call('POST', path, { token: officer, body: { reason: '   ' } }), 422, '/reason');
    expect((await call('GET', `/v1/submissions/${created.body.id}`, { token: officer })).body.status).toBe(
      'received',
    );
  });

  it('answers 404 for an unknown submission', async () => {
    expectProblem(
      await call('POST', '/v1/submissions/0000/reject', { token: officer, body: { reason: 'x' } }),
      404,
    );
  });
});

describe('PDF annexes through a presigned upload', () => {
  it('gives an upload URL bound to type and length, accepts a real PUT, and verifies the PDF on GET', async () => {
    const created = await submitLetter({
      annexes: [
        { heading: 'Annex I', body: 'Text.' },
        { heading: 'Annex II', attachment: 'map' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body.attachments).toEqual([{ id: 'map', annex: 1, source: 'upload', status: 'pending' }]);

    const bytes = await pdf(4);
    const ticket = await call('POST', `/v1/submissions/${id}/attachments`, {
      token: mission,
      body: { annex: 1, contentType: 'application/pdf', bytes: bytes.length },
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect(ticket.body).toMatchObject({
      attachmentId: 'map',
      headers: { 'content-type': 'application/pdf', 'content-length': String(bytes.length) },
    });
    const url = new URL(ticket.body.uploadUrl);
    expect(url.pathname).toBe(`/${distr.env.BUCKET_NAME}/submissions/${id}/attachments/map.pdf`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-type', 'content-length']),
    );
    expect(Date.parse(ticket.body.expiresAt)).toBeGreaterThan(Date.now());

    // Not uploaded yet: registration would be refused for this annex.
    await expect(verifyAttachmentsOf(id)).rejects.toMatchObject({
      status: 422,
      invalidParams: [{ name: '/annexes/1', reason: expect.stringContaining('not been uploaded') }],
    });

    const put = await fetch(ticket.body.uploadUrl, {
      method: 'PUT',
      headers: ticket.body.headers,
      body: bytes,
    });
    expect(put.status).toBe(200);

    const read = await call('GET', `/v1/submissions/${id}`, { token: mission });
    expect(read.body.attachments).toEqual([
      {
        id: 'map',
        annex: 1,
        source: 'upload',
        status: 'verified',
        pages: 4,
        bytes: bytes.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    const record = await verifyAttachmentsOf(id);
    expect(record.attachments[0]?.status).toBe('verified');
  });

  it('marks an upload that is not a PDF invalid, and verification names the annex', async () => {
    const created = await submitLetter({ annexes: [{ heading: 'Annex', attachment: 'scan' }] });
    const id = created.body.id;
    const junk = Buffer.from('%PDF-1.4\nthis is no PDF at all');
    const ticket = await call('POST', `/v1/submissions/${id}/attachments`, {
      token: mission,
      body: { annex: 0, contentType: 'application/pdf', bytes: junk.length },
    });
    expect(
      (await fetch(ticket.body.uploadUrl, { method: 'PUT', headers: ticket.body.headers, body: junk }))
        .status,
    ).toBe(200);
    const read = await call('GET', `/v1/submissions/${id}`, { token: officer });
    expect(read.body.attachments[0]).toMatchObject({
      status: 'invalid',
      error: expect.stringContaining('PDF'),
    });
    await expect(verifyAttachmentsOf(id)).rejects.toMatchObject({
      status: 422,
      invalidParams: [{ name: '/annexes/0' }],
    });
  });

  it.each([
    [{ annex: 5, contentType: 'application/pdf', bytes: 10 }, '/annex'],
    [{ annex: 0, contentType: 'application/pdf', bytes: 10 }, '/annex'],
    [{ annex: -1, contentType: 'application/pdf', bytes: 10 }, '/annex'],
    [{ annex: 1, contentType: 'image/png', bytes: 10 }, '/contentType'],
    [{ annex: 1, contentType: 'application/pdf', bytes: 20 * 1024 * 1024 + 1 }, '/bytes'],
    [{ annex: 1, contentType: 'application/pdf' }, '/bytes'],
    [{ annex: 1, contentType: 'application/pdf', bytes: 10, extra: true }, '/extra'],
  ])('refuses %j with 422 naming %s, leaving the annex as it was', async (body, field) => {
    const created = await submitLetter({
      annexes: [
        { heading: 'Text annex', body: 'Text.' },
        { heading: 'PDF annex', attachment: 'pdf' },
      ],
    });
    const res = await call('POST', `/v1/submissions/${created.body.id}/attachments`, {
      token: mission,
      body,
    });
    expectProblem(res, 422, field);
    const read = await call('GET', `/v1/submissions/${created.body.id}`, { token: mission });
    expect(read.body.attachments).toEqual(created.body.attachments);
  });

  it('refuses uploads once the submission is no longer received (409)', async () => {
    const created = await submitLetter({ annexes: [{ heading: 'Annex', attachment: 'late' }] });
    await call('POST', `/v1/submissions/${created.body.id}/reject`, {
      token: officer,
      body: { reason: 'No' },
    });
    expectProblem(
      await call('POST', `/v1/submissions/${created.body.id}/attachments`, {
        token: mission,
        body: { annex: 0, contentType: 'application/pdf', bytes: 100 },
      }),
      409,
    );
  });
});
