import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { publishDocumentDistributed } from '../functions/adapters/document-events.ts';
import type { DocumentFile } from '../functions/domain/document.ts';
import {
  documentDistributedEvent,
  documentEventId,
  eventAttributes,
  parseDocumentEvent,
} from '../functions/domain/document-event.ts';
import { eventDocument } from './support/fixtures.ts';

const event = () =>
  documentDistributedEvent({
    document: eventDocument(),
    documentId: 'A/79/923-S/2025/341',
    distribution: 1,
    publicUrl: 'https://distr.example.org/',
    occurredAt: new Date('2025-06-19T09:30:00Z'),
  });

describe('document.distributed event', () => {
  it('describes the distribution from the document file', () => {
    expect(event()).toEqual({
      type: 'document.distributed',
      id: documentEventId('A/79/923-S/2025/341', 1),
      occurredAt: '2025-06-19T09:30:00.000Z',
      document: {
        symbols: ['A/79/923', 'S/2025/341'],
        organs: ['GA', 'SC'],
        session: 79,
        year: 2025,
        agendaItems: ['51'],
        languages: ['en', 'fr'],
        title: { en: 'Letter dated 16 June 2025', fr: 'Lettre datée du 16 juin 2025' },
        jobNumber: '25-09876',
        issued: '2025-06-19',
        links: {
          metadata: 'https://distr.example.org/v1/documents/A/79/923',
          pdf: { en: 'https://distr.example.org/en/A/79/923', fr: 'https://distr.example.org/fr/A/79/923' },
        },
      },
    });
  });

  it('has a deterministic id per document and distribution', () => {
    expect(documentEventId('A/79/923-S/2025/341', 1)).toBe(documentEventId('A/79/923-S/2025/341', 1));
    expect(documentEventId('A/79/923-S/2025/341', 1)).not.toBe(documentEventId('A/79/923-S/2025/341', 2));
    expect(documentEventId('A/79/923-S/2025/341', 1)).toMatch(/^evt_[0-9a-f]{32}$/);
  });

  it('takes the year of issue for a GA-only document', () => {
    const doc = eventDocument();
    doc.circulation = [doc.circulation[0] as DocumentFile['circulation'][number]];
    doc.issued = '2024-11-02';
    const e = documentDistributedEvent({
      document: doc,
      documentId: 'A/79/923',
      distribution: 1,
      languages: ['fr'],
      publicUrl: 'https://d.example',
      occurredAt: new Date(),
    });
    expect(e.document).toMatchObject({ organs: ['GA'], session: 79, year: 2024, languages: ['fr'] });
    expect(e.document.title).toEqual({ fr: 'Lettre datée du 16 juin 2025' });
  });

  it('carries message attributes for SNS filter policies', () => {
    expect(eventAttributes(event())).toEqual({
      type: { DataType: 'String', StringValue: 'document.distributed' },
      organs: { DataType: 'String.Array', StringValue: '["GA","SC"]' },
      session: { DataType: 'Number', StringValue: '79' },
      year: { DataType: 'Number', StringValue: '2025' },
      agendaItems: { DataType: 'String.Array', StringValue: '["51"]' },
      languages: { DataType: 'String.Array', StringValue: '["en","fr"]' },
      symbols: { DataType: 'String.Array', StringValue: '["A/79/923","S/2025/341"]' },
    });
    const sc = event();
    sc.document = { ...sc.document, organs: ['SC'], session: undefined, agendaItems: [] };
    const names = Object.keys(eventAttributes(sc));
    expect(names).not.toContain('session');
    expect(names).not.toContain('agendaItems');
  });

  it('reads the event from a raw body or an SNS envelope, and refuses anything else', () => {
    const e = event();
    expect(parseDocumentEvent(JSON.stringify(e))).toEqual({ ok: true, value: e });
    const envelope = JSON.stringify({ Type: 'Notification', Message: JSON.stringify(e) });
    expect(parseDocumentEvent(envelope)).toEqual({ ok: true, value: e });
    expect(parseDocumentEvent('nope')).toMatchObject({ ok: false });
    expect(parseDocumentEvent(JSON.stringify({ ...e, id: 'x' }))).toMatchObject({
      ok: false,
      reason: /^\/id/,
    });
  });
});

describe('publishDocumentDistributed', () => {
  it('publishes the event with its attributes to the documents topic', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const e = event();
    const client = new SNSClient({ region: 'us-east-1' });
    const id = await publishDocumentDistributed(
      { sns: client, config: { documentsTopicArn: 'arn:topic' } },
      e,
    );
    expect(id).toBe('m-1');
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: 'arn:topic',
      Message: JSON.stringify(e),
      MessageAttributes: eventAttributes(e),
    });
    sns.restore();
  });

  it('refuses a malformed event before publishing', async () => {
    const sns = mockClient(SNSClient);
    const e = { ...event(), document: { ...event().document, languages: [] } };
    await expect(
      publishDocumentDistributed(
        { sns: new SNSClient({ region: 'us-east-1' }), config: { documentsTopicArn: 'a' } },
        e,
      ),
    ).rejects.toThrow();
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    sns.restore();
  });
});
