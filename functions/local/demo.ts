/**
 * `npm run demo`: the whole life of the design sample on this machine, through the HTTP API of a
 * local Distr started for the purpose (temporary data directory, free ports). A webhook receiver
 * subscribes; a mission submits the letter; an officer loads the agenda, sets the numbering series,
 * registers it as A/79/923-S/2025/341, adds the six language versions and distributes it. The demo
 * prints the six PDF URLs and the signed webhook delivery it received, then stops cleanly.
 *
 * The steps are exported for the distribution benchmark (bench/distribution.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients } from '../adapters/aws-clients.ts';
import { issueToken } from '../adapters/token-store.ts';
import { documentPath, documentUrl, versionPath } from '../domain/document-urls.ts';
import { LANGUAGES } from '../domain/languages.ts';
import { PROJECT_ROOT, type Runtime, startDistr } from './runtime.ts';

// The demo tells its own story; the handlers' per-request INFO logs would drown it.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'test/fixtures', name), 'utf8'));

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** A webhook endpoint on a free loopback port: answers the verification challenge, records deliveries. */
export async function startWebhookReceiver() {
  const deliveries: Delivery[] = [];
  const waiting: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let message: { type?: string; challenge?: string } = {};
      try {
        message = JSON.parse(body);
      } catch {
        // recorded as it came
      }
      if (message.type === 'subscription.verification') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ challenge: message.challenge }));
        return;
      }
      deliveries.push({ headers: req.headers, body, receivedAt: performance.now() });
      res.writeHead(204).end();
      for (const wake of waiting.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    /** The `n`th delivery (0-based), once it has arrived. */
    async delivery(n: number, timeoutMs = 30_000): Promise<Delivery> {
      const deadline = Date.now() + timeoutMs;
      while (!deliveries[n]) {
        if (Date.now() > deadline) throw new Error(`No webhook delivery #${n + 1} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return deliveries[n] as Delivery;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** A JSON call to the API; throws with the problem's detail on an unexpected status. */
export function apiClient(distr: Pick<Runtime, 'url'>, token?: string) {
  return async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    expect: number[] = [200, 201, 202],
  ): Promise<{ status: number; body: T; headers: Headers }> => {
    const res = await fetch(`${distr.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!expect.includes(res.status)) {
      throw new Error(
        `${method} ${path} → ${res.status}: ${parsed?.detail ?? text} ${JSON.stringify(parsed?.['invalid-params'] ?? '')}`,
      );
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
}

export type Api = ReturnType<typeof apiClient>;

export interface Setup {
  officer: Api;
  mission: Api;
  subscriber: Api;
  receiver: WebhookReceiver;
  subscription: { id: string; secret: string };
}

/** Tokens straight into the table, the agenda and numbering series, and a webhook subscription. */
export async function prepare(
  distr: Runtime,
  filters: Record<string, unknown> = { organs: ['GA'], sessions: [79], agendaItems: ['51'] },
): Promise<Setup> {
  const store = { db: createAwsClients(distr.env).db, tableName: distr.env.TABLE_NAME ?? '' };
  const now = new Date();
  const token = async (grant: Parameters<typeof issueToken>[1]) =>
    (await issueToken(store, grant, { now, label: 'demo' })).token;
  const officer = apiClient(distr, await token({ role: 'officer' }));
  const mission = apiClient(distr, await token({ role: 'mission', state: 'DEU' }));
  const subscriber = apiClient(distr, await token({ role: 'subscriber' }));

  await officer('PUT', '/v1/agendas/GA/79', fixture('agenda-GA-79.json'));
  for (const [series, next] of [
    ['A/79', 923],
    ['S/2025', 341],
    ['job/25', 8590],
  ] as const) {
    await officer('PUT', '/v1/series', { series, next });
  }

  const receiver = await startWebhookReceiver();
  const { body } = await subscriber<{ id: string; secret: string }>('POST', '/v1/subscriptions', {
    url: receiver.url,
    filters,
  });
  return { officer, mission, subscriber, receiver, subscription: { id: body.id, secret: body.secret } };
}

/** The sample letter submitted by the mission and registered by the officer; returns the joint symbol. */
export async function submitAndRegister(setup: Setup): Promise<string> {
  const { body: submission } = await setup.mission<{ id: string }>(
    'POST',
    '/v1/submissions',
    fixture('sample-submission.json'),
  );
  const { body: document } = await setup.officer<{ symbol: string }>(
    'POST',
    `/v1/submissions/${submission.id}/register`,
    { issued: '2025-06-03' },
  );
  return document.symbol;
}

/** The six language versions of the design sample. */
export async function addVersions(setup: Setup, symbol: string): Promise<void> {
  const versions = (fixture('A-79-923-S-2025-341.json') as { versions: Record<string, unknown> }).versions;
  for (const lang of LANGUAGES) {
    await setup.officer('PUT', versionPath(symbol, lang), versions[lang]);
  }
}

async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const dataDir = mkdtempSync(join(tmpdir(), 'distr-demo-'));
  const distr = await startDistr({ port: 0, dataDir, onError: (error) => console.error('distr:', error) });
  let setup: Setup | undefined;
  try {
    console.log(`Distr is running at ${distr.url} (data in ${dataDir})\n`);
    setup = await prepare(distr);
    console.log(
      `Subscribed ${setup.receiver.url} to GA session 79, agenda item 51 (${setup.subscription.id})`,
    );
    const symbol = await submitAndRegister(setup);
    console.log(`Germany's letter submitted and registered as ${symbol}`);
    await addVersions(setup, symbol);
    console.log(`Six language versions added: ${LANGUAGES.join(', ')}`);
    const started = performance.now();
    const { status, body } = await setup.officer<{ pending: string[] }>(
      'POST',
      `${documentPath(symbol)}/distribute`,
    );
    console.log(`Distribution requested (${status}); rendering ${body.pending.join(', ')}…`);
    const delivery = await setup.receiver.delivery(0);
    console.log(`Distributed and announced in ${Math.round(delivery.receivedAt - started)} ms\n`);

    const first = symbol.split('-')[0] ?? symbol;
    const metadata = await apiClient(distr)<{
      languages: { lang: string; bytes: number; pages: number; url: string }[];
    }>('GET', documentPath(symbol));
    console.log(`The six PDFs (persistent URLs, as in the QR codes; each redirects to the stored PDF):`);
    for (const lang of metadata.body.languages) {
      const redirect = await fetch(lang.url, { redirect: 'manual' });
      const pdf = await fetch(redirect.headers.get('location') ?? '');
      const bytes = (await pdf.arrayBuffer()).byteLength;
      console.log(
        `  ${lang.lang}  ${lang.url}   → ${redirect.status} → ${pdf.status} ${pdf.headers.get('content-type')}, ${bytes} bytes, ${lang.pages} pages`,
      );
    }
    console.log(`  Metadata: ${documentUrl(distr.url, first)}`);
    console.log(`  Search:   ${distr.url}/v1/documents?organ=GA&session=79&agendaItem=51`);
    console.log(`  Feed:     ${distr.url}/v1/feeds/documents.atom\n`);

    console.log('The webhook delivery received:');
    for (const [name, value] of Object.entries(delivery.headers)) {
      if (name.startsWith('webhook-') || name === 'content-type' || name === 'user-agent')
        console.log(`  ${name}: ${value}`);
    }
    console.log('');
    console.log(JSON.stringify(JSON.parse(delivery.body), null, 2).replace(/^/gm, '  '));
  } finally {
    await setup?.receiver.close();
    await distr.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`demo failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
