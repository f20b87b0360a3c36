/**
 * A crash in the middle of a distribution: the local server, in a process of its own, is killed
 * (SIGKILL) while its workers render, and started again on the same data. The distribution must
 * then complete within 30 s, with six PDFs and one notification, and the officer's view must have
 * shown what was pending and since when.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { PageSizes, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { PendingLanguage } from '../../functions/domain/distribution.ts';
import { LANGUAGES } from '../../functions/domain/languages.ts';
import { pdfKey } from '../../functions/domain/storage-keys.ts';
import { client, documentPath } from '../support/client.ts';
import { useRestartable } from '../support/distr.ts';
import { clients, seedDocument } from '../support/seed.ts';
import { startServerProcess } from '../support/server-process.ts';
import { tokenFor } from '../support/tokens.ts';
import { until } from '../support/wait.ts';
import { signatureValid, useReceiver } from '../support/webhook-receiver.ts';

type Progress = {
  status: string;
  stored: string[];
  pending: string[];
  pendingLanguages: PendingLanguage[];
  stalled: boolean;
  distributedAt?: string;
};

const ANNEX = 'submissions/crash/attachments/annex-1.pdf';

/** A long annex, so that every language takes a while to render and the kill lands mid-way. */
async function longAnnex(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < 200; i++) pdf.addPage(PageSizes.A4).drawText(`Annex page ${i + 1}`, { x: 72, y: 700 });
  return pdf.save();
}

describe('a distribution when the server is killed while it renders', () => {
  const serverProcess = useRestartable('distr-crash-', startServerProcess, (server) => server.kill());
  const receiver = useReceiver();

  it('completes within 30 s of the restart, with six PDFs and exactly one notification', async () => {
    let server = await serverProcess.start();
    const subscriberToken = await tokenFor(server.runtime, 'subscriber');
    let subscriber = client(server.runtime, subscriberToken);
    const subscription = await subscriber<{ id: string; secret: string }>('POST', '/v1/subscriptions', {
      url: receiver.url,
      filters: { organs: ['SC'] },
    });
    expect(subscription.status).toBe(201);

    await clients(server.runtime).s3.send(
      new PutObjectCommand({
        Bucket: server.runtime.env.BUCKET_NAME,
        Key: ANNEX,
        Body: await longAnnex(),
        ContentType: 'application/pdf',
      }),
    );
    const doc = await seedDocument(server.runtime, {
      versions: [...LANGUAGES],
      edit: (document) => {
        for (const version of Object.values(document.versions)) {
          version?.annexes.push({ heading: 'Annex', pdf: ANNEX, languageOfSubmissionOnly: true });
        }
      },
    });
    let officer = client(server.runtime, await tokenFor(server.runtime, 'officer'));
    const progress = async () =>
      (await officer<{ distributionProgress: Progress }>('GET', documentPath(doc.symbol))).body
        .distributionProgress;

    const asked = Date.now();
    const answer = await officer<Progress>('POST', `${documentPath(doc.symbol)}/distribute`);
    expect(answer.status).toBe(202);
    expect(answer.body.pendingLanguages.map((p) => p.language)).toEqual([...LANGUAGES]);
    expect(answer.body.pendingLanguages.every((p) => p.status === 'queued' && !p.stalled)).toBe(true);

    // Killed as soon as a worker is seen rendering, before the last language is stored.
    const seen = await until('a language being rendered', async () => {
      const state = await progress();
      return state.pendingLanguages.some((p) => p.status === 'rendering') && state;
    });
    await serverProcess.stop();
    expect(seen.status).toBe('registered');

    const restarted = Date.now();
    server = await serverProcess.start();
    officer = client(server.runtime, await tokenFor(server.runtime, 'officer'));
    subscriber = client(server.runtime, subscriberToken);

    // What the officer sees after the crash: what is still pending, and since the distribute call.
    const after = await progress();
    expect(after.status, 'the kill came after the distribution finished').toBe('registered');
    expect(after.pending.length).toBeGreaterThan(0);
    expect(after.pendingLanguages.map((p) => p.language)).toEqual(after.pending);
    for (const pending of after.pendingLanguages) {
      expect(Date.parse(pending.since)).toBeGreaterThanOrEqual(asked - 1_000);
      expect(Date.parse(pending.since)).toBeLessThanOrEqual(restarted);
    }

    const done = await until(
      'the distribution to complete after the restart',
      async () => {
        const state = await progress();
        return state.status === 'distributed' && state;
      },
      60_000,
    );
    const recoveredMs = Date.now() - restarted;
    expect(recoveredMs, `recovered ${recoveredMs} ms after the restart`).toBeLessThanOrEqual(30_000);
    expect(done).toMatchObject({
      stored: [...LANGUAGES],
      pending: [],
      pendingLanguages: [],
      stalled: false,
    });

    // Six PDFs, each the object its metadata records.
    const anonymous = client(server.runtime);
    const metadata = await anonymous<{ languages: { lang: string; sha256: string; pages: number }[] }>(
      'GET',
      documentPath(doc.symbol),
    );
    expect(metadata.status).toBe(200);
    expect(metadata.body.languages.map((l) => l.lang)).toEqual([...LANGUAGES]);
    const { s3, sqs } = clients(server.runtime);
    for (const { lang, sha256, pages } of metadata.body.languages) {
      const object = await s3.send(
        new GetObjectCommand({
          Bucket: server.runtime.env.BUCKET_NAME,
          Key: pdfKey(doc.symbols, lang as (typeof LANGUAGES)[number]),
        }),
      );
      const bytes = await object.Body?.transformToByteArray();
      expect(bytes && createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
      expect(pages).toBeGreaterThan(200);
    }

    // Exactly one notification: wait until no render job is left (none could announce again) and
    // the one delivery has arrived, then count.
    await until('the render queue to be empty', async () => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: server.runtime.env.RENDER_QUEUE_URL,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Attributes.ApproximateNumberOfMessages === '0' &&
        Attributes.ApproximateNumberOfMessagesNotVisible === '0'
      );
    });
    const deliveries = await until('the delivery', async () => {
      const { body } = await subscriber<{ items: { status: string }[] }>(
        'GET',
        `/v1/subscriptions/${subscription.body.id}/deliveries`,
      );
      return body.items?.some((d) => d.status === 'delivered') && body.items;
    });
    expect(deliveries).toHaveLength(1);
    const events = receiver.events();
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event && signatureValid(event, subscription.body.secret)).toBe(true);
    expect(event?.json).toMatchObject({
      type: 'document.distributed',
      document: { symbols: doc.symbols },
    });
  }, 240_000);
});
