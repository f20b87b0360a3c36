import { describe, expect, it } from 'vitest';
import { createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { getDelivery } from '../../functions/adapters/delivery-store.ts';
import { publishDocumentDistributed } from '../../functions/adapters/document-events.ts';
import { readConfig } from '../../functions/config.ts';
import { documentEventId } from '../../functions/domain/document-event.ts';
import { startDistr } from '../../functions/local/runtime.ts';
import { call } from '../support/client.ts';
import { backend, useRestartable } from '../support/distr.ts';
import { tokenFor } from '../support/tokens.ts';
import { until } from '../support/wait.ts';
import { signatureValid, useReceiver } from '../support/webhook-receiver.ts';

// Long enough for the restart to happen between the failed attempt and the retry.
process.env.DISTR_WEBHOOK_RETRY_BASE_SECONDS = '4';

describe('deliveries across a restart of the local server', () => {
  const server = useRestartable(
    'distr-deliveries-restart-',
    (dataDir) => startDistr({ port: 0, dataDir, ...backend() }),
    (runtime) => runtime.stop(),
  );
  const receiver = useReceiver();

  it('completes a delivery that failed before the restart, from the same queues and table', async () => {
    let runtime = await server.start();
    let clients = createAwsClients(runtime.env);
    const store = () => ({ db: clients.db, tableName: runtime.env.TABLE_NAME ?? '' });
    const token = await tokenFor(runtime, 'subscriber');
    const res = await call(runtime, 'POST', '/v1/subscriptions', {
      token,
      body: { url: receiver.url, filters: { organs: ['SC'] } },
    });
    expect(res.status).toBe(201);
    const { id, secret } = res.body as { id: string; secret: string };

    // The endpoint is down when the event goes out.
    receiver.answer = () => ({ status: 503, body: 'maintenance' });
    const event = {
      type: 'document.distributed' as const,
      id: documentEventId('S/2025/341', 1),
      occurredAt: new Date().toISOString(),
      document: {
        symbols: ['S/2025/341'],
        organs: ['SC' as const],
        year: 2025,
        agendaItems: [],
        languages: ['en' as const],
        jobNumber: '25-09877',
        issued: '2025-06-19',
        links: {
          metadata: 'https://d.example/v1/documents/S/2025/341',
          pdf: { en: 'https://d.example/en/S/2025/341' },
        },
      },
    };
    await publishDocumentDistributed({ sns: clients.sns, config: readConfig(runtime.env) }, event);
    const key = { subscriptionId: id, eventId: event.id };
    await until('the first failed attempt', async () =>
      (await getDelivery(store(), key))?.status === 'retrying' ? true : undefined,
    );
    await server.stop();

    receiver.answer = () => ({ status: 200 });
    runtime = await server.start();
    clients = createAwsClients(runtime.env);
    const delivered = await until('the delivery after the restart', async () => {
      const d = await getDelivery(store(), key);
      return d?.status === 'delivered' ? d : undefined;
    });
    expect(delivered).toMatchObject({
      attempts: 2,
      lastStatusCode: 200,
      lastError: 'the endpoint answered 503: maintenance',
    });
    const [failed, succeeded, ...more] = receiver.events();
    expect(more).toEqual([]);
    expect(failed?.body).toBe(succeeded?.body);
    expect(succeeded && signatureValid(succeeded, secret)).toBe(true);
    expect(succeeded?.headers['webhook-id']).toBe(event.id);
  }, 90_000);
});
