/**
 * Language versions and distribution through real HTTP against a local Distr: versions in and
 * missing, simultaneous issuance, partial issuance by choice, retries and repeats that change
 * nothing, a failure part-way that leaves nothing public and is completed later.
 */
import { createHash } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PageSizes, PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/domain/languages.ts';
import { pdfKey } from '../../functions/domain/storage-keys.ts';
import { client, documentPath } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { eventTap } from '../support/event-tap.ts';
import { loadFixture } from '../support/fixtures.ts';
import { clients, seedDocument } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { until } from '../support/wait.ts';

const SAMPLE_VERSIONS = loadFixture().versions;

const distr = useTestDistr();
let officer: ReturnType<typeof client>;
let anonymous: ReturnType<typeof client>;
let tap: Awaited<ReturnType<typeof eventTap>>;

beforeAll(async () => {
  officer = client(distr, await tokenFor(distr, 'officer'));
  anonymous = client(distr);
  tap = await eventTap(distr);
});

type State = { status: string; pending: string[]; stored: string[]; languages: string[]; partial: boolean };

const distributed = (symbol: string) =>
  until(`${symbol} to be distributed`, async () => {
    const { body } = await officer<{ distributionProgress: State }>('GET', documentPath(symbol));
    return body.distributionProgress.status === 'distributed' && body.distributionProgress;
  });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('language versions', () => {
  it('takes versions one by one and shows which are in and which are missing', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/901'], jobNumber: '25-09001' });
    const fr = await officer('PUT', `${documentPath(doc.symbol)}/versions/fr`, SAMPLE_VERSIONS.fr);
    expect(fr.status).toBe(201);
    expect(fr.headers.get('location')).toBe('/v1/documents/A/79/901/versions/fr');
    const again = await officer('PUT', `${documentPath(doc.symbol)}/versions/fr`, SAMPLE_VERSIONS.fr);
    expect(again.status).toBe(200);
    const { status, body } = await officer('GET', documentPath(doc.symbol));
    expect(status).toBe(200);
    expect(body.versionsIn).toEqual(['en', 'fr']);
    expect(body.versionsMissing).toEqual(['ar', 'zh', 'ru', 'es']);
    expect(body).not.toHaveProperty('versionsRevision');
    expect(body).not.toHaveProperty('versionWriters');
    expect(body).not.toHaveProperty('versionWriteUntil');
    expect((body.versions as Record<string, { title: string }>).fr?.title).toBe(SAMPLE_VERSIONS.fr?.title);
  });

  it('refuses bad versions with problems naming the field, and leaves the document unchanged', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/902'], jobNumber: '25-09002' });
    const path = `${documentPath(doc.symbol)}/versions/es`;
    const missingTitle = await officer('PUT', path, { body: 'Texto' });
    expect(missingTitle.status).toBe(422);
    expect(missingTitle.headers.get('content-type')).toBe('application/problem+json');
    expect(missingTitle.body['invalid-params']).toEqual([expect.objectContaining({ name: '/title' })]);
    const unknown = await officer('PUT', path, { title: 'T', body: 'B', signatur: 'x' });
    expect(unknown.status).toBe(422);
    expect(unknown.body['invalid-params']).toEqual([expect.objectContaining({ name: '/signatur' })]);
    const foreignPdf = await officer('PUT', path, {
      title: 'T',
      body: 'B',
      annexes: [{ heading: 'Anexo', pdf: 'documents/other/other.en.pdf' }],
    });
    expect(foreignPdf.status).toBe(422);
    expect(foreignPdf.body['invalid-params']).toEqual([expect.objectContaining({ name: '/annexes/0/pdf' })]);
    // What the renderer could not set: a table (a PDF annex's job) and a character no font has.
    const unset = await officer('PUT', path, {
      title: 'Carta \u{1F600}',
      body: '| a | b |\n|---|---|\n| 1 | 2 |',
    });
    expect(unset.status).toBe(422);
    expect(unset.body['invalid-params']).toEqual([
      expect.objectContaining({ name: '/title', reason: expect.stringContaining('U+1F600') }),
      expect.objectContaining({ name: '/body', reason: expect.stringContaining('PDF annex') }),
    ]);
    const unknownLang = await officer('PUT', `${documentPath(doc.symbol)}/versions/de`, SAMPLE_VERSIONS.en);
    expect(unknownLang.status).toBe(404);
    const { body } = await officer('GET', documentPath(doc.symbol));
    expect(body.versionsIn).toEqual(['en']);
  });

  it('is for officers only, and 404 for a document that does not exist', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/903'], jobNumber: '25-09003' });
    const path = `${documentPath(doc.symbol)}/versions/fr`;
    expect((await anonymous('PUT', path, SAMPLE_VERSIONS.fr)).status).toBe(401);
    const mission = client(distr, await tokenFor(distr, 'mission'));
    expect((await mission('PUT', path, SAMPLE_VERSIONS.fr)).status).toBe(403);
    expect((await officer('PUT', '/v1/documents/A/79/999/versions/fr', SAMPLE_VERSIONS.fr)).status).toBe(404);
  });
});

describe('distribution', () => {
  it('needs all six versions unless the officer asks for a partial distribution', async () => {
    const doc = await seedDocument(distr, {
      symbols: ['A/79/904'],
      jobNumber: '25-09004',
      versions: ['en', 'fr'],
    });
    const all = await officer('POST', `${documentPath(doc.symbol)}/distribute`);
    expect(all.status).toBe(409);
    expect((all.body['invalid-params'] as { name: string }[]).map((p) => p.name)).toEqual([
      '/versions/ar',
      '/versions/zh',
      '/versions/ru',
      '/versions/es',
    ]);
    const unflagged = await officer('POST', `${documentPath(doc.symbol)}/distribute`, {
      languages: ['en', 'fr'],
    });
    expect(unflagged.status).toBe(422);
    expect(unflagged.body['invalid-params']).toEqual([expect.objectContaining({ name: '/partial' })]);
    const badLang = await officer('POST', `${documentPath(doc.symbol)}/distribute`, {
      languages: ['de'],
      partial: true,
    });
    expect(badLang.status).toBe(422);
    expect(badLang.body['invalid-params']).toEqual([expect.objectContaining({ name: '/languages/0' })]);
    // Nothing was started: the document is still registered with no distribution asked for.
    const { body } = await officer<{ distributionProgress: State }>('GET', documentPath(doc.symbol));
    expect(body.distributionProgress).toMatchObject({ status: 'registered', languages: [] });
  });

  it('issues all six languages at once, stores each PDF once, and publishes one event', async () => {
    const doc = await seedDocument(distr, { versions: [...LANGUAGES] });
    const answer = await officer<State>('POST', `${documentPath(doc.symbol)}/distribute`);
    expect(answer.status).toBe(202);
    expect(answer.body.languages).toEqual([...LANGUAGES]);
    expect([...answer.body.stored, ...answer.body.pending].sort()).toEqual([...LANGUAGES].sort());
    expect(answer.body.partial).toBe(false);

    const state = await distributed(doc.symbol);
    expect(state).toMatchObject({ stored: [...LANGUAGES], pending: [], partial: false });

    // Each object: its key from the symbols, a PDF, SHA-256 and job number in its metadata.
    const { s3 } = clients(distr);
    const metadata = await anonymous<{
      languages: { lang: string; sha256: string; bytes: number; pages: number }[];
    }>('GET', documentPath('S/2025/341'));
    expect(metadata.status).toBe(200);
    const heads = new Map<string, { etag?: string; modified?: number }>();
    for (const lang of LANGUAGES) {
      const head = await s3.send(
        new HeadObjectCommand({ Bucket: distr.env.BUCKET_NAME, Key: pdfKey(doc.symbols, lang) }),
      );
      const recorded = metadata.body.languages.find((l) => l.lang === lang);
      expect(head.ContentType).toBe('application/pdf');
      expect(head.Metadata).toMatchObject({ sha256: recorded?.sha256, 'job-number': '25-08590' });
      expect(head.ContentLength).toBe(recorded?.bytes);
      heads.set(lang, { etag: head.ETag, modified: head.LastModified?.getTime() });
    }
    expect(pdfKey(doc.symbols, 'fr')).toBe('documents/A-79-923-S-2025-341/A-79-923-S-2025-341.fr.pdf');

    // The persistent URL serves each PDF, and it is the one recorded.
    for (const lang of LANGUAGES) {
      const redirect = await fetch(`${distr.url}/${lang}/A/79/923`, { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      expect(redirect.headers.get('cache-control')).toBe('no-store');
      const pdf = new Uint8Array(await (await fetch(redirect.headers.get('location') ?? '')).arrayBuffer());
      const recorded = metadata.body.languages.find((l) => l.lang === lang);
      expect(sha256(pdf)).toBe(recorded?.sha256);
      expect((await PDFDocument.load(pdf)).getPageCount()).toBe(recorded?.pages);
    }

    const events = await until('the event', async () => {
      const all = await tap.events(1);
      return all.length > 0 && all;
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'document.distributed',
      document: { symbols: ['A/79/923', 'S/2025/341'], languages: [...LANGUAGES], jobNumber: '25-08590' },
    });

    // A distributed document's versions are final.
    const replace = await officer('PUT', `${documentPath(doc.symbol)}/versions/fr`, SAMPLE_VERSIONS.fr);
    expect(replace.status).toBe(409);

    // Distributing again (several at once, too) changes nothing and announces nothing.
    const repeats = await Promise.all(
      [1, 2, 3].map(() => officer<State>('POST', `${documentPath(doc.symbol)}/distribute`)),
    );
    for (const repeat of repeats) {
      expect(repeat.status).toBe(200);
      expect(repeat.body).toMatchObject({ status: 'distributed', stored: [...LANGUAGES], pending: [] });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const lang of LANGUAGES) {
      const head = await s3.send(
        new HeadObjectCommand({ Bucket: distr.env.BUCKET_NAME, Key: pdfKey(doc.symbols, lang) }),
      );
      expect({ etag: head.ETag, modified: head.LastModified?.getTime() }).toEqual(heads.get(lang));
    }
    expect(await tap.events(1)).toHaveLength(1);
    const after = await anonymous('GET', documentPath('A/79/923'));
    expect(after.body).toEqual(metadata.body);
  });

  it('issues fewer languages when told to, and says so in the metadata', async () => {
    const doc = await seedDocument(distr, {
      symbols: ['A/79/905'],
      jobNumber: '25-09005',
      versions: ['en', 'fr', 'es'],
    });
    const answer = await officer<State>('POST', `${documentPath(doc.symbol)}/distribute`, {
      languages: ['fr', 'en'],
      partial: true,
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ languages: ['en', 'fr'], partial: true });
    await distributed(doc.symbol);
    const { body } = await anonymous<{ partial: boolean; languages: { lang: string }[]; title: object }>(
      'GET',
      documentPath(doc.symbol),
    );
    expect(body.partial).toBe(true);
    expect(body.languages.map((l) => l.lang)).toEqual(['en', 'fr']);
    expect(Object.keys(body.title)).toEqual(['en', 'fr']);
    const es = await anonymous('GET', `/es/${doc.symbol}`);
    expect(es.status).toBe(404);
    expect(es.body.detail).toContain('not issued in es');
  });

  it('embeds a submitted PDF annex, read from the bucket, in every version that carries it', async () => {
    // An annex as the submission flow stores it: a PDF in the bucket, its key in the document file.
    const annex = await PDFDocument.create();
    for (let i = 0; i < 3; i++)
      annex.addPage(PageSizes.A5).drawText(`Annex page ${i + 1}`, { x: 50, y: 300 });
    const key = 'submissions/e2e/attachments/annex-1.pdf';
    await clients(distr).s3.send(
      new PutObjectCommand({
        Bucket: distr.env.BUCKET_NAME,
        Key: key,
        Body: await annex.save(),
        ContentType: 'application/pdf',
      }),
    );
    const doc = await seedDocument(distr, {
      symbols: ['A/79/907'],
      jobNumber: '25-09007',
      edit: (document) => {
        const en = document.versions.en;
        if (en) en.annexes = [{ heading: 'Annex', pdf: key }];
      },
    });
    // The French version carries the same PDF (an officer may refer to the document's own annexes).
    const fr = {
      ...SAMPLE_VERSIONS.fr,
      annexes: [{ heading: 'Annexe', pdf: key, languageOfSubmissionOnly: true }],
    };
    expect((await officer('PUT', `${documentPath(doc.symbol)}/versions/fr`, fr)).status).toBe(201);
    await officer('POST', `${documentPath(doc.symbol)}/distribute`, {
      languages: ['en', 'fr'],
      partial: true,
    });
    await distributed(doc.symbol);
    for (const lang of ['en', 'fr']) {
      const redirect = await fetch(`${distr.url}/${lang}/A/79/907`, { redirect: 'manual' });
      const pdf = await PDFDocument.load(
        await (await fetch(redirect.headers.get('location') ?? '')).arrayBuffer(),
      );
      const sizes = pdf.getPages().map((page) => page.getSize());
      // The annex's three A5 pages come last, after the letter and the annex heading page.
      expect(sizes.slice(-3), lang).toEqual(
        Array(3).fill({ width: PageSizes.A5[0], height: PageSizes.A5[1] }),
      );
      expect(sizes.length, lang).toBeGreaterThan(3);
    }
  });

  it('leaves nothing public when a language fails, and completes when the version is fixed', async () => {
    const doc = await seedDocument(distr, {
      symbols: ['A/79/906'],
      jobNumber: '25-09006',
      versions: [...LANGUAGES],
      // The Russian version refers to an annex PDF that is not in the bucket: its render fails.
      edit: (document) => {
        const ru = document.versions.ru;
        if (ru)
          ru.annexes = [
            ...ru.annexes,
            { heading: 'Приложение II', pdf: 'submissions/none/attachments/x.pdf' },
          ];
      },
    });
    const answer = await officer<State>('POST', `${documentPath(doc.symbol)}/distribute`);
    expect(answer.status).toBe(202);
    const five = await until('five languages stored', async () => {
      const { body } = await officer<{ distributionProgress: State }>('GET', documentPath(doc.symbol));
      return body.distributionProgress.stored.length === 5 && body.distributionProgress;
    });
    expect(five).toMatchObject({ status: 'registered', pending: ['ru'] });
    expect((await anonymous('GET', documentPath(doc.symbol))).status).toBe(404);
    expect((await fetch(`${distr.url}/en/A/79/906`, { redirect: 'manual' })).status).toBe(404);
    const search = await anonymous<{ items: unknown[] }>('GET', '/v1/documents?symbol=A/79/906');
    expect(search.body.items).toEqual([]);

    // The fixed version, then distribute again: only Russian is rendered, and the document is issued.
    const fixed = await officer('PUT', `${documentPath(doc.symbol)}/versions/ru`, SAMPLE_VERSIONS.ru);
    expect(fixed.status).toBe(200);
    const again = await officer<State>('POST', `${documentPath(doc.symbol)}/distribute`);
    expect([200, 202]).toContain(again.status);
    await distributed(doc.symbol);
    expect((await anonymous('GET', documentPath(doc.symbol))).status).toBe(200);
  });
});
