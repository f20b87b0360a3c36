/**
 * What the public may read, over real HTTP without credentials: nothing of a document until it is
 * distributed (404, exactly as for a document that does not exist), then its metadata under any of
 * its symbols and the persistent PDF URL, which redirects to a short-lived presigned URL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { client, documentPath } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { seedDocument } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { until } from '../support/wait.ts';

const distr = useTestDistr();
let officer: ReturnType<typeof client>;
let anonymous: ReturnType<typeof client>;

beforeAll(async () => {
  officer = client(distr, await tokenFor(distr, 'officer'));
  anonymous = client(distr);
  // Registered, never distributed.
  await seedDocument(distr, { symbols: ['A/79/950', 'S/2025/450'], jobNumber: '25-09950' });
  // Distributed in English only, by choice.
  const issued = await seedDocument(distr, { symbols: ['A/79/951', 'S/2025/451'], jobNumber: '25-09951' });
  const answer = await officer('POST', `${documentPath(issued.symbol)}/distribute`, {
    languages: ['en'],
    partial: true,
  });
  expect(answer.status).toBe(202);
  await until(
    'the distribution',
    async () => (await anonymous('GET', '/v1/documents/A/79/951')).status === 200,
  );
});

describe('before distribution', () => {
  it('is as absent to the public, missions and subscribers as an unknown document', async () => {
    const unknown = await anonymous('GET', '/v1/documents/A/79/999');
    const registered = await anonymous('GET', '/v1/documents/A/79/950');
    expect(registered.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(Object.keys(registered.body).sort()).toEqual(Object.keys(unknown.body).sort());
    for (const role of ['mission', 'subscriber'] as const) {
      const caller = client(distr, await tokenFor(distr, role));
      expect((await caller('GET', '/v1/documents/S/2025/450')).status, role).toBe(404);
    }
    expect((await fetch(`${distr.url}/en/A/79/950`, { redirect: 'manual' })).status).toBe(404);
    const search = await anonymous<{ items: unknown[] }>('GET', '/v1/documents?symbol=A/79/950');
    expect(search.body.items).toEqual([]);
    // The officer sees it, with what is missing.
    const { status, body } = await officer('GET', '/v1/documents/A/79/950');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'registered', versionsIn: ['en'] });
  });

  it('answers a bad token with 401 rather than pretending the caller is anonymous', async () => {
    const bad = client(distr, 'not-a-token');
    const res = await bad('GET', '/v1/documents/A/79/951');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});

describe('after distribution', () => {
  it('shows the metadata under any symbol, hyphen or en dash, with links', async () => {
    const paths = [
      '/v1/documents/A/79/951',
      '/v1/documents/S/2025/451',
      '/v1/documents/A/79/951-S/2025/451',
      '/v1/documents/A/79/951%E2%80%93S/2025/451',
      '/v1/documents/A%2F79%2F951',
    ];
    const answers = await Promise.all(paths.map((path) => anonymous('GET', path)));
    for (const [i, answer] of answers.entries()) expect(answer.status, paths[i]).toBe(200);
    const { body } = answers[0] ?? { body: {} };
    for (const answer of answers) expect(answer.body).toEqual(body);
    expect(body).toMatchObject({
      symbol: 'A/79/951-S/2025/451',
      symbols: ['A/79/951', 'S/2025/451'],
      jobNumber: '25-09951',
      kind: 'letter',
      organs: [
        {
          organ: 'GA',
          session: 79,
          agendaItems: [{ item: '51', title: { en: expect.stringContaining('peacekeeping') } }],
        },
        { organ: 'SC', year: 2025 },
      ],
      dates: { issued: '2025-06-03', distributed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      partial: true,
      languages: [
        {
          lang: 'en',
          bytes: expect.any(Number),
          pages: expect.any(Number),
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          // Tagged and archival, as the PDF's own XMP claims.
          conformance: ['PDF/A-2u', 'PDF/UA-1'],
          url: `${distr.url}/en/A/79/951`,
        },
      ],
      links: {
        self: `${distr.url}/v1/documents/A/79/951-S/2025/451`,
        pdf: { en: `${distr.url}/en/A/79/951` },
      },
    });
    expect(Object.keys((body as { title: object }).title)).toEqual(['en']);
    // No working text, no storage details.
    expect(body).not.toHaveProperty('versions');
    expect(JSON.stringify(body)).not.toContain('documents/A-79-951');
  });

  it('redirects the persistent URL to a presigned URL that expires in five minutes', async () => {
    const res = await fetch(`${distr.url}/en/S/2025/451`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.pathname).toBe(
      '/distr-documents/documents/A-79-951-S-2025-451/A-79-951-S-2025-451.en.pdf',
    );
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    const pdf = await fetch(location);
    expect(pdf.status).toBe(200);
    // S3 answers with these headers (the stand-in ignores the overrides, so the URL is checked).
    expect(location.searchParams.get('response-content-disposition')).toBe(
      'inline; filename="A-79-951-S-2025-451.en.pdf"',
    );
    expect(location.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });

  it('is a 404 problem for a language not issued, an unknown language or no document', async () => {
    for (const [path, detail] of [
      ['/fr/A/79/951', 'not issued in fr'],
      ['/xx/A/79/951', 'There is no language'],
      ['/en/A/79/999', 'There is no document'],
      ['/en/not-a-symbol', 'No document'],
      ['/en/A/79/951/extra', 'No document'],
    ] as const) {
      const res = await anonymous('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('application/problem+json');
      expect(String(res.body.detail), path).toContain(detail);
    }
  });

  it('sends a browser whose printed link names no PDF to the not-found page of the site, in that language', async () => {
    for (const [path, page] of [
      ['/ar/A/79/999', '/ar/documents/A/79/999'],
      ['/fr/A/79/951', '/fr/documents/A/79/951'],
      ['/zh/not-a-symbol', '/zh/documents/not-a-symbol'],
    ] as const) {
      const res = await fetch(`${distr.url}${path}`, {
        headers: { accept: 'text/html,*/*;q=0.8' },
        redirect: 'manual',
      });
      await res.arrayBuffer();
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe(page);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('keeps the officer routes closed to the public', async () => {
    expect((await anonymous('POST', '/v1/documents/A/79/951/distribute')).status).toBe(401);
    expect(
      (await anonymous('PUT', '/v1/documents/A/79/951/versions/fr', { title: 'x', body: 'y' })).status,
    ).toBe(401);
  });
});
