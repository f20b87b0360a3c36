/**
 * The whole life of the design sample through real HTTP on the local stand-ins: two webhook
 * subscriptions (one matching, one not), the mission's letter submitted, registered as
 * A/79/923-S/2025/341, six language versions added, distributed; then one correctly signed delivery
 * to the matching receiver and none to the other, six PDFs behind the persistent URLs matching their
 * recorded SHA-256, the document in search and feed, and a second distribute that changes nothing.
 */
import { createHash } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { XMLParser } from 'fast-xml-parser';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/domain/languages.ts';
import { pdfKey } from '../../functions/domain/storage-keys.ts';
import { client, setSeries } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { fixture } from '../support/fixtures.ts';
import { clients } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { until } from '../support/wait.ts';
import { signatureValid, useReceiver } from '../support/webhook-receiver.ts';

interface Metadata {
  symbol: string;
  symbols: string[];
  jobNumber: string;
  dates: Record<string, string>;
  organs: unknown[];
  title: Record<string, string>;
  languages: { lang: string; bytes: number; pages: number; sha256: string; url: string }[];
  links: { self: string; pdf: Record<string, string> };
}

const distr = useTestDistr();
const matching = useReceiver();
const other = useReceiver();
let secret: string;
let officer: ReturnType<typeof client>;
let anonymous: ReturnType<typeof client>;

beforeAll(async () => {
  officer = client(distr, await tokenFor(distr, 'officer'));
  anonymous = client(distr);
});

describe('the design sample, from submission to subscribers', () => {
  let symbol: string;
  let submissionId: string;
  let mission: ReturnType<typeof client>;

  it('subscribes a receiver that matches and one that does not', async () => {
    const subscriber = client(distr, await tokenFor(distr, 'subscriber'));
    const yes = await subscriber<{ secret: string }>('POST', '/v1/subscriptions', {
      url: matching.url,
      filters: { organs: ['GA'], sessions: [79], agendaItems: ['51'] },
    });
    expect(yes.status).toBe(201);
    secret = yes.body.secret;
    const no = await subscriber('POST', '/v1/subscriptions', {
      url: other.url,
      filters: { organs: ['ECOSOC'] },
    });
    expect(no.status).toBe(201);
  });

  it('takes the letter, registers it, and adds the six language versions', async () => {
    expect((await officer('PUT', '/v1/agendas/GA/79', fixture('agenda-GA-79.json'))).status).toBe(200);
    await setSeries(officer, { 'A/79': 923, 'S/2025': 341, 'job/25': 8590 });
    mission = client(distr, await tokenFor(distr, 'mission'));
    const submitted = await mission<{ id: string }>(
      'POST',
      '/v1/submissions',
      fixture('sample-submission.json'),
    );
    expect(submitted.status).toBe(201);
    submissionId = submitted.body.id;
    const registered = await officer<{ symbol: string; jobNumber: string }>(
      'POST',
      `/v1/submissions/${submitted.body.id}/register`,
      { issued: '2025-06-03' },
    );
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ symbol: 'A/79/923-S/2025/341', jobNumber: '25-08590' });
    symbol = registered.body.symbol;

    const versions = fixture<{ versions: Record<string, unknown> }>('A-79-923-S-2025-341.json').versions;
    for (const lang of LANGUAGES) {
      const put = await officer('PUT', `/v1/documents/${symbol}/versions/${lang}`, versions[lang]);
      expect(put.status, lang).toBeLessThan(300);
    }
    const { body } = await officer('GET', `/v1/documents/${symbol}`);
    expect(body).toMatchObject({ versionsIn: [...LANGUAGES], versionsMissing: [], status: 'registered' });
    // Not distributed yet: the public sees nothing.
    expect((await anonymous('GET', '/v1/documents/A/79/923')).status).toBe(404);
    expect((await fetch(`${distr.url}/en/A/79/923`, { redirect: 'manual' })).status).toBe(404);
  });

  it('distributes: one signed delivery to the matching subscriber, none to the other', async () => {
    const answer = await officer('POST', `/v1/documents/${symbol}/distribute`);
    expect(answer.status).toBe(202);
    const delivery = await until('the webhook delivery', async () => matching.events()[0], 30_000);
    expect(signatureValid(delivery, secret)).toBe(true);
    expect(signatureValid({ ...delivery, body: `${delivery.body} ` }, secret)).toBe(false);
    expect(delivery.json).toMatchObject({
      type: 'document.distributed',
      document: { symbols: ['A/79/923', 'S/2025/341'], languages: [...LANGUAGES], jobNumber: '25-08590' },
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(matching.events()).toHaveLength(1);
    expect(other.events()).toHaveLength(0);
    // The mission sees its letter through to the end.
    const submission = await mission<{ status: string }>('GET', `/v1/submissions/${submissionId}`);
    expect(submission.body.status).toBe('distributed');
  });

  it('serves the six PDFs behind the persistent URLs, each matching its recorded SHA-256', async () => {
    const { status, body } = await anonymous<Metadata>('GET', '/v1/documents/A/79/923');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      symbol: 'A/79/923-S/2025/341',
      jobNumber: '25-08590',
      dates: { letter: '2025-05-30', issued: '2025-06-03' },
      links: { self: `${distr.url}/v1/documents/A/79/923-S/2025/341` },
    });
    expect(body.languages.map((l) => l.lang)).toEqual([...LANGUAGES]);
    for (const language of body.languages) {
      expect(language.url).toBe(`${distr.url}/${language.lang}/A/79/923`);
      const redirect = await fetch(language.url, { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      const res = await fetch(redirect.headers.get('location') ?? '');
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = new Uint8Array(await res.arrayBuffer());
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(language.sha256);
      const opened = await PDFDocument.load(pdf);
      expect(opened.getPageCount()).toBe(language.pages);
    }
    // Any symbol of the joint document, hyphen or en dash, leads to the same PDF.
    for (const path of ['/fr/S/2025/341', '/fr/A/79/923-S/2025/341', '/fr/A/79/923%E2%80%93S/2025/341']) {
      const res = await fetch(`${distr.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(302);
      expect(new URL(res.headers.get('location') ?? '').pathname).toContain('A-79-923-S-2025-341.fr.pdf');
    }
    const unknown = await anonymous('GET', '/de/A/79/923');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
  });

  it('finds the document by search and in the feed', async () => {
    const search = await anonymous<{ items: Metadata[] }>(
      'GET',
      '/v1/documents?organ=GA&session=79&agendaItem=51',
    );
    expect(search.status).toBe(200);
    expect(search.body.items.map((i) => i.symbol)).toEqual(['A/79/923-S/2025/341']);
    expect((await anonymous<{ items: Metadata[] }>('GET', '/v1/documents?organ=ECOSOC')).body.items).toEqual(
      [],
    );

    const res = await fetch(`${distr.url}/v1/feeds/documents.atom?organ=SC&year=2025`);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const feed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (n) => n === 'entry' || n === 'link',
    }).parse(await res.text()).feed;
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual([
      `${distr.url}/v1/documents/A/79/923-S/2025/341`,
    ]);
    const hreflangs = feed.entry[0].link
      .filter((l: Record<string, string>) => l['@type'] === 'application/pdf')
      .map((l: Record<string, string>) => l['@hreflang']);
    expect(hreflangs).toEqual([...LANGUAGES]);
  });

  it('changes nothing when distributed again', async () => {
    const { s3 } = clients(distr);
    const head = async (lang: (typeof LANGUAGES)[number]) => {
      const h = await s3.send(
        new HeadObjectCommand({
          Bucket: distr.env.BUCKET_NAME,
          Key: pdfKey(['A/79/923', 'S/2025/341'], lang),
        }),
      );
      return { etag: h.ETag, versionId: h.VersionId, modified: h.LastModified?.toISOString() };
    };
    const before = await Promise.all(LANGUAGES.map(head));
    const metadata = (await anonymous('GET', '/v1/documents/A/79/923')).body;
    const officerView = (await officer('GET', `/v1/documents/${symbol}`)).body;

    const again = await officer('POST', `/v1/documents/${symbol}/distribute`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'distributed', pending: [], stored: [...LANGUAGES] });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(await Promise.all(LANGUAGES.map(head))).toEqual(before);
    expect((await anonymous('GET', '/v1/documents/A/79/923')).body).toEqual(metadata);
    expect((await officer('GET', `/v1/documents/${symbol}`)).body).toEqual(officerView);
    expect(matching.events()).toHaveLength(1);
    expect(other.events()).toHaveLength(0);
  });
});
