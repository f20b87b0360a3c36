import { describe, expect, it } from 'vitest';
import { client, nextNumbers } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { fixture } from '../support/fixtures.ts';
import { seedSubmission } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';

type Doc = { id: string; symbols: string[]; jobNumber: string; submissionId: string };

const numberOf = (symbol: string) => Number(symbol.split('/').at(-1));
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('registration under concurrency', () => {
  const distr = useTestDistr();

  it('registers 100 submissions, each twice at once, with no duplicate and no gap', async () => {
    const officer = client(distr, await tokenFor(distr, 'officer'));
    expect((await officer('PUT', '/v1/agendas/GA/79', fixture('agenda-GA-79.json'))).status).toBe(200);
    const ids = await Promise.all(range(100).map(() => seedSubmission(distr)));

    // 200 requests in flight: every submission by two officers (or a client and its retry) at once.
    const answers = await Promise.all(
      ids.flatMap((id) =>
        [0, 1].map(() => officer<Doc>('POST', `/v1/submissions/${id}/register`, { issued: '2025-06-03' })),
      ),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    // Exactly one of each pair created the document; the other got the same one back.
    expect(answers.filter((a) => a.status === 201)).toHaveLength(100);
    for (let i = 0; i < ids.length; i++) {
      const [a, b] = [answers[2 * i], answers[2 * i + 1]];
      expect(a?.body.id).toBe(b?.body.id);
      expect(a?.body.submissionId).toBe(ids[i]);
    }

    const documents = answers.filter((a) => a.status === 201).map((a) => a.body);
    expect(new Set(documents.map((d) => d.id)).size).toBe(100);
    const ga = documents.map((d) => d.symbols[0] as string);
    const sc = documents.map((d) => d.symbols[1] as string);
    expect(ga.every((s) => s.startsWith('A/79/'))).toBe(true);
    expect(sc.every((s) => s.startsWith('S/2025/'))).toBe(true);
    expect(ga.map(numberOf).sort((x, y) => x - y)).toEqual(range(100));
    expect(sc.map(numberOf).sort((x, y) => x - y)).toEqual(range(100));
    expect(documents.map((d) => Number(d.jobNumber.slice(3))).sort((x, y) => x - y)).toEqual(range(100));
    expect(documents.every((d) => d.jobNumber.startsWith('25-'))).toBe(true);

    expect(await nextNumbers(officer)).toMatchObject({ 'A/79': 101, 'S/2025': 101, 'job/25': 101 });
    // Every symbol resolves to the document that holds it.
    const sampled = documents.slice(0, 10);
    for (const document of sampled) {
      const found = await officer<Doc>('GET', `/v1/documents/${document.symbols.join('-')}`);
      expect(found.body.id).toBe(document.id);
    }
  }, 120_000);
});
