import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSubmission } from '../../functions/adapters/submission-store.ts';
import { documentSchema } from '../../functions/domain/document.ts';
import { client, nextNumbers, setSeries } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { fixture, sampleSubmission } from '../support/fixtures.ts';
import { seedSubmission, table } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';

type Doc = {
  id: string;
  symbol: string;
  symbols: string[];
  jobNumber: string;
  issued: string;
  submissionId?: string;
  circulation: Array<Record<string, unknown>>;
  versions: Record<string, { title: string; body: string; signature?: unknown; annexes: unknown[] }>;
  base?: { id: string; symbol: string };
};
type ProblemBody = { status: number; detail: string; 'invalid-params'?: { name: string; reason: string }[] };

describe('registration', () => {
  const distr = useTestDistr();
  let officer: ReturnType<typeof client>;
  let sample: Doc;
  let sampleSubmissionId: string;

  beforeAll(async () => {
    officer = client(distr, await tokenFor(distr, 'officer'));
  });

  it('loads a GA agenda and returns it', async () => {
    const agenda = fixture<{ items: { item: string }[] }>('agenda-GA-79.json');
    const put = await officer('PUT', '/v1/agendas/GA/79', agenda);
    expect(put.status).toBe(200);
    const got = await officer<{ session: number; items: unknown[] }>('GET', '/v1/agendas/GA/79');
    expect(got.status).toBe(200);
    expect(got.body.session).toBe(79);
    expect(got.body.items).toEqual(agenda.items);
  });

  it('refuses a bad agenda naming the field, and a session that is not one', async () => {
    const bad = await officer<ProblemBody>('PUT', '/v1/agendas/GA/79', {
      items: [{ item: '51', title: { en: 'Only English' } }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body['invalid-params']?.map((p) => p.name)).toContain('/items/0/title/fr');
    const session = await officer<ProblemBody>('PUT', '/v1/agendas/GA/0', fixture('agenda-GA-79.json'));
    expect(session.status).toBe(422);
    expect(session.body['invalid-params']?.[0]?.name).toBe('session');
    expect((await officer('GET', '/v1/agendas/GA/80')).status).toBe(404);
    // The rejected load left the agenda as it was.
    expect(
      (await officer<{ items: unknown[] }>('GET', '/v1/agendas/GA/79')).body.items.length,
    ).toBeGreaterThan(1);
  });

  it('registers the sample letter as A/79/923-S/2025/341, job 25-08590', async () => {
    for (const [series, next] of [
      ['A/79', 923],
      ['S/2025', 341],
      ['job/25', 8590],
    ] as const) {
      const res = await officer('PUT', '/v1/series', { series, next });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ series, next });
    }
    sampleSubmissionId = await seedSubmission(distr);
    const res = await officer<Doc>('POST', `/v1/submissions/${sampleSubmissionId}/register`, {
      issued: '2025-06-03',
    });
    expect(res.status).toBe(201);
    sample = res.body;
    expect(sample.symbols).toEqual(['A/79/923', 'S/2025/341']);
    expect(sample.symbol).toBe('A/79/923-S/2025/341');
    expect(sample.jobNumber).toBe('25-08590');
    expect(sample.issued).toBe('2025-06-03');
    expect(sample.submissionId).toBe(sampleSubmissionId);
    expect(res.headers.get('location')).toBe('/v1/documents/A/79/923-S/2025/341');
    const agenda51 = fixture<{ items: { item: string; title: unknown }[] }>('agenda-GA-79.json').items.find(
      (i) => i.item === '51',
    );
    expect(sample.circulation).toEqual([
      { organ: 'GA', session: 79, agendaItems: [{ item: '51', title: agenda51?.title }] },
      { organ: 'SC', year: 2025 },
    ]);
    const letter = sampleSubmission() as unknown as {
      title: string;
      body: string;
      from: { signatory: string; title: string[] };
      annexes: { heading: string; title: string; body: string }[];
    };
    expect(Object.keys(sample.versions)).toEqual(['en']);
    expect(sample.versions.en).toMatchObject({
      title: letter.title,
      body: letter.body,
      signature: { name: letter.from.signatory, title: letter.from.title },
      annexes: [
        {
          heading: letter.annexes[0]?.heading,
          title: letter.annexes[0]?.title,
          body: letter.annexes[0]?.body,
        },
      ],
    });
    // The renderer's contract: the answer is a valid document file.
    expect(documentSchema.safeParse(sample).success).toBe(true);

    const stored = await getSubmission(table(distr), sampleSubmissionId);
    expect(stored?.status).toBe('registered');
    expect(stored?.documentId).toBe(sample.id);
    expect(stored?.documentSymbols).toEqual(['A/79/923', 'S/2025/341']);
    expect(stored?.timeline.at(-1)).toMatchObject({
      step: 'registered',
      symbols: ['A/79/923', 'S/2025/341'],
    });
  });

  it('finds the sample by any of its symbols, joint with hyphen or en dash, percent-encoded', async () => {
    for (const path of [
      'A%2F79%2F923-S%2F2025%2F341',
      'S/2025/341',
      'A/79/923',
      'A/79/923-S/2025/341',
      encodeURIComponent('A/79/923\u2013S/2025/341'),
      'A/79/923%E2%80%93S/2025/341',
      's/2025/341',
    ]) {
      const res = await officer<Doc>('GET', `/v1/documents/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.body.id, path).toBe(sample.id);
    }
    expect((await officer('GET', '/v1/documents/A/79/923-S/2025/342')).status).toBe(404);
    expect((await officer('GET', '/v1/documents/A/79/924')).status).toBe(404);
    expect((await officer('GET', '/v1/documents/not-a-symbol')).status).toBe(404);
  });

  it('answers a repeated registration with the same document', async () => {
    const again = await officer<Doc>('POST', `/v1/submissions/${sampleSubmissionId}/register`, {
      issued: '2025-06-04',
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(sample);
  });

  it('lists the series with their next numbers and only moves them forward', async () => {
    expect(await nextNumbers(officer)).toMatchObject({ 'A/79': 924, 'S/2025': 342, 'job/25': 8591 });
    const back = await officer<ProblemBody & { current: unknown }>('PUT', '/v1/series', {
      series: 'A/79',
      next: 923,
    });
    expect(back.status).toBe(409);
    expect(back.body['invalid-params']?.[0]?.name).toBe('/next');
    expect(back.body.current).toEqual({ series: 'A/79', next: 924 });
    expect((await officer('PUT', '/v1/series', { series: 'A/79', next: 924 })).status).toBe(200);
    const bad = await officer<ProblemBody>('PUT', '/v1/series', { series: 'X/79', next: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body['invalid-params']?.map((p) => p.name).sort()).toEqual(['/next', '/series']);
  });

  it('refuses an agenda item that is not on the loaded agenda, naming it, and draws nothing', async () => {
    const input = sampleSubmission() as unknown as {
      circulation: { agendaItems?: string[]; session?: number }[];
    };
    const ga = input.circulation[0] as { agendaItems: string[] };
    ga.agendaItems = ['51', '999'];
    const id = await seedSubmission(distr, input as never);
    const res = await officer<ProblemBody>('POST', `/v1/submissions/${id}/register`, {
      issued: '2025-06-03',
    });
    expect(res.status).toBe(422);
    expect(res.body['invalid-params']).toEqual([
      { name: '/circulation/0/agendaItems/1', reason: expect.any(String) },
    ]);

    const other = sampleSubmission() as unknown as { circulation: { session?: number }[] };
    (other.circulation[0] as { session: number }).session = 80;
    const noAgenda = await officer<ProblemBody>(
      'POST',
      `/v1/submissions/${await seedSubmission(distr, other as never)}/register`,
    );
    expect(noAgenda.status).toBe(422);
    expect(noAgenda.body['invalid-params']?.[0]?.name).toBe('/circulation/0/agendaItems/0');

    expect(await nextNumbers(officer)).toMatchObject({ 'A/79': 924, 'job/25': 8591 });
    expect((await getSubmission(table(distr), id))?.status).toBe('received');
  });

  it('refuses bad bodies, unknown and rejected submissions, and callers who are not officers', async () => {
    const id = await seedSubmission(distr);
    const bad = await officer<ProblemBody>('POST', `/v1/submissions/${id}/register`, {
      issued: '3 June 2025',
    });
    expect(bad.status).toBe(422);
    expect(bad.body['invalid-params']?.[0]?.name).toBe('/issued');
    const extra = await officer<ProblemBody>('POST', `/v1/submissions/${id}/register`, { symbol: 'A/79/1' });
    expect(extra.status).toBe(422);
    expect(extra.body['invalid-params']?.[0]?.name).toBe('/symbol');
    expect((await officer('POST', '/v1/submissions/nope/register', {})).status).toBe(404);
    const rejected = await seedSubmission(distr, sampleSubmission(), 'rejected');
    expect((await officer('POST', `/v1/submissions/${rejected}/register`, {})).status).toBe(409);

    const mission = client(distr, await tokenFor(distr, 'mission'));
    expect((await mission('POST', `/v1/submissions/${id}/register`, {})).status).toBe(403);
    expect((await mission('PUT', '/v1/series', { series: 'A/79', next: 2000 })).status).toBe(403);
    expect((await mission('PUT', '/v1/agendas/GA/79', fixture('agenda-GA-79.json'))).status).toBe(403);
    const anonymous = client(distr);
    const none = await anonymous('POST', `/v1/submissions/${id}/register`, {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await anonymous('GET', '/v1/series')).status).toBe(401);
    expect((await getSubmission(table(distr), id))?.status).toBe('received');
  });

  it('hides undistributed documents from everyone but officers, without saying they exist', async () => {
    const anonymous = await client(distr)<ProblemBody>('GET', '/v1/documents/A/79/923');
    const mission = await client(distr, await tokenFor(distr, 'mission'))<ProblemBody>(
      'GET',
      '/v1/documents/A/79/923',
    );
    const missing = await client(distr)<ProblemBody>('GET', '/v1/documents/A/79/9999');
    for (const res of [anonymous, mission]) {
      expect(res.status).toBe(404);
      expect(res.body.detail).toBe(missing.body.detail.replace('9999', '923'));
    }
  });

  it('completes a registration whose holder died, with the numbers it had drawn', async () => {
    const id = await seedSubmission(distr);
    // A holder drew A/79/924, S/2025/342 and 25-08591, recorded them, and its lease ran out.
    await setSeries(officer, { 'A/79': 925, 'S/2025': 343, 'job/25': 8592 });
    await table(distr).db.send(
      new PutCommand({
        TableName: table(distr).tableName,
        Item: {
          pk: `REGISTRATION#submission:${id}`,
          sk: 'REGISTRATION',
          owner: 'crashed',
          leaseUntil: Date.now() - 1,
          state: 'pending',
          documentId: 'doc-of-crashed-holder',
          issued: '2025-06-03',
          request: {},
          numbers: { 'A/79': 924, 'S/2025': 342, 'job/25': 8591 },
        },
      }),
    );
    const res = await officer<Doc>('POST', `/v1/submissions/${id}/register`, { issued: '2025-07-01' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: 'doc-of-crashed-holder',
      symbols: ['A/79/924', 'S/2025/342'],
      jobNumber: '25-08591',
      issued: '2025-06-03',
    });
    expect((await nextNumbers(officer))['A/79']).toBe(925);
  });
});
