/**
 * The audit trail through the real API on the local stand-ins: each change to a submission and its
 * document is recorded with the token and role that made it, and a retried request adds nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoAuditStore } from '../../functions/adapters/audit-store.ts';
import type { AuditEntry, AuditSubject } from '../../functions/domain/audit.ts';
import { tokenId } from '../../functions/domain/tokens.ts';
import { client, documentPath } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { fixture, sampleSubmission } from '../support/fixtures.ts';
import { table } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';

describe('the audit trail', () => {
  const distr = useTestDistr();
  let officerToken: string;
  let missionToken: string;
  const trail = async (subject: AuditSubject) =>
    (await dynamoAuditStore(table(distr)).list(subject)).map((e: AuditEntry) => [
      e.action,
      e.actor.role,
      e.actor.tokenId,
      e.detail ?? {},
    ]);

  beforeAll(async () => {
    officerToken = await tokenFor(distr, 'officer');
    missionToken = await tokenFor(distr, 'mission', 'DEU');
    expect(
      (await client(distr, officerToken)('PUT', '/v1/agendas/GA/79', fixture('agenda-GA-79.json'))).status,
    ).toBe(200);
  });

  it('records who submitted, registered, stored versions, asked for distribution and made a follow-up, once each', async () => {
    const officer = client(distr, officerToken);
    const mission = client(distr, missionToken);
    const officerId = tokenId(officerToken);
    const missionId = tokenId(missionToken);
    const key = { 'idempotency-key': 'audit-1' };
    const submitted = await mission('POST', '/v1/submissions', sampleSubmission(), key);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const id = submitted.body.id as string;
    expect((await mission('POST', '/v1/submissions', sampleSubmission(), key)).body.id).toBe(id);

    const registered = await officer('POST', `/v1/submissions/${id}/register`);
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect((await officer('POST', `/v1/submissions/${id}/register`)).status).toBe(200);
    const document = registered.body as { id: string; symbol: string; symbols: string[]; jobNumber: string };
    const registration = { symbols: document.symbols, jobNumber: document.jobNumber };

    expect(await trail({ kind: 'submission', id })).toEqual([
      ['submitted', 'mission', missionId, {}],
      ['registered', 'officer', officerId, registration],
    ]);

    const english = (await officer('GET', documentPath(document.symbol))).body.versions.en;
    const french = { ...english, title: 'Lettres identiques' };
    for (let i = 0; i < 2; i++) {
      const put = await officer('PUT', `${documentPath(document.symbol)}/versions/fr`, french);
      expect(put.status, JSON.stringify(put.body)).toBeLessThan(300);
    }
    const distributed = await officer('POST', `${documentPath(document.symbol)}/distribute`, {
      languages: ['en', 'fr'],
      partial: true,
    });
    expect(distributed.status, JSON.stringify(distributed.body)).toBe(202);
    const addendum = await officer(
      'POST',
      `${documentPath(document.symbol)}/followups`,
      { type: 'addendum' },
      {
        'idempotency-key': 'audit-add-1',
      },
    );
    expect(addendum.status, JSON.stringify(addendum.body)).toBe(201);
    expect(
      (
        await officer(
          'POST',
          `${documentPath(document.symbol)}/followups`,
          { type: 'addendum' },
          {
            'idempotency-key': 'audit-add-1',
          },
        )
      ).status,
    ).toBe(200);

    expect(await trail({ kind: 'document', id: document.id })).toEqual([
      ['registered', 'officer', officerId, registration],
      ['version-stored', 'officer', officerId, { lang: 'fr' }],
      ['distribution-requested', 'officer', officerId, { languages: ['en', 'fr'] }],
      ['followup-created', 'officer', officerId, { followup: addendum.body.symbol }],
    ]);
    expect(await trail({ kind: 'document', id: addendum.body.id })).toEqual([
      [
        'registered',
        'officer',
        officerId,
        { symbols: addendum.body.symbols, jobNumber: addendum.body.jobNumber },
      ],
    ]);
  });
});
