/**
 * The distribution steps against in-memory ports that behave like the adapters (conditional
 * updates included): simultaneous issuance, exactly one event under concurrency, crashes between
 * steps completed by retries, a version written during the flip, and no second S3 write on retry.
 */

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../functions/domain/canonical-json.ts';
import {
  type DistributeRequest,
  type DistributionRecord,
  type HeadState,
  planDistribution,
  RENDER_HEARTBEAT,
  type RenderJobRecord,
  renderSource,
  STALLED_AFTER_MS,
  type StoredPdf,
  VERSION_WRITE_LEASE_MS,
} from '../functions/domain/distribution.ts';
import { createDistributor, type DistributionPort, type Renderer } from '../functions/domain/distributor.ts';
import type { Version } from '../functions/domain/document.ts';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import type { DocumentMetadata } from '../functions/domain/public-document.ts';
import type { RegisteredDocument } from '../functions/domain/registration.ts';
import { loadFixture } from './support/fixtures.ts';
import { memoryAudit } from './support/memory-ports.ts';

const SAMPLE = loadFixture();
const PUBLIC_URL = 'https://distr.example';
const officer = { role: 'officer' as const, tokenId: 'tok' };

/** A fault to inject once at a named step. */
type Step = 'publish' | 'markEventPublished' | 'finalize' | 'putPdf' | 'render';

function world(options: { versions?: Lang[]; heartbeat?: { everyMs: number; leaseSeconds: number } } = {}) {
  const keep = new Set(options.versions ?? LANGUAGES);
  const document: RegisteredDocument = {
    ...SAMPLE,
    id: 'doc-1',
    symbol: 'A/79/923-S/2025/341',
    status: 'registered',
    submissionId: 'sub-1',
    registeredAt: '2025-06-03T09:00:00.000Z',
    versions: Object.fromEntries(Object.entries(SAMPLE.versions).filter(([l]) => keep.has(l as Lang))),
  };
  let head: HeadState & { writers: number } = { status: 'registered', revision: 0, writers: 0 };
  let record: (DistributionRecord & { claimUntil?: number }) | undefined;
  const pdfs = new Map<Lang, StoredPdf>();
  const jobs = new Map<Lang, RenderJobRecord>();
  /** Receipts renewed by the heartbeat, with the lease asked for, in order. */
  const extended: { receipt: string; seconds: number }[] = [];
  /** While set, renders wait for it (a long render). */
  let renderGate: Promise<void> | undefined;
  const objects = new Map<string, { sha256: string; puts: number }>();
  const queue: Lang[] = [];
  const events: DocumentMetadata[] = [];
  const indexed: DocumentMetadata[] = [];
  const marked: string[] = [];
  const renders: Lang[] = [];
  const faults = new Set<Step>();
  let now = Date.parse('2025-06-04T10:00:00.000Z');
  const fail = (step: Step) => {
    if (faults.delete(step)) throw new Error(`injected failure at ${step}`);
  };

  const distributions: DistributionPort = {
    head: async () => ({
      status: head.status,
      revision: head.revision,
      ...(head.writers > 0 && head.versionWriteUntil ? { versionWriteUntil: head.versionWriteUntil } : {}),
      ...(head.distributedAt ? { distributedAt: head.distributedAt } : {}),
    }),
    async putVersion(_id, lang, version, nowMs) {
      if (head.status !== 'registered') return 'distributed';
      head = { ...head, writers: head.writers + 1, versionWriteUntil: nowMs + VERSION_WRITE_LEASE_MS };
      document.versions[lang] = version;
      head = { ...head, writers: head.writers - 1, revision: head.revision + 1 };
      return 'written';
    },
    get: async () => ({
      ...(record ? { record: structuredClone(record) } : {}),
      pdfs: [...pdfs.values()].map((p) => ({ ...p })),
      jobs: [...jobs.values()].map((j) => ({ ...j })),
    }),
    async markQueued(_id, languages, at) {
      for (const lang of languages) jobs.set(lang, { lang, queuedAt: at });
    },
    async markRendering(_id, lang, at, started) {
      const job = jobs.get(lang) ?? { lang };
      jobs.set(
        lang,
        started
          ? { ...job, startedAt: at, aliveAt: at, attempts: (job.attempts ?? 0) + 1 }
          : { ...job, aliveAt: at },
      );
    },
    async putRecord(_id, next) {
      record = { ...record, ...next };
    },
    async putPdf(_id, pdf) {
      fail('putPdf');
      pdfs.set(pdf.lang, pdf);
    },
    async finalize(_id, { revision, distributedAt, nowMs }) {
      fail('finalize');
      const writing = head.writers > 0 && (head.versionWriteUntil ?? 0) >= nowMs;
      if (head.status !== 'registered' || head.revision !== revision || writing) return false;
      head = { ...head, status: 'distributed', distributedAt };
      document.status = 'distributed';
      return true;
    },
    async markDone(_id, step) {
      if (step === 'eventPublished') fail('markEventPublished');
      if (record) record[step] = true;
    },
    async claimEvent(_id, _owner, nowMs, untilMs) {
      if (!record || record.eventPublished || (record.claimUntil ?? 0) >= nowMs) return false;
      record.claimUntil = untilMs;
      return true;
    },
  };

  const render: Renderer = async (doc, lang) => {
    await renderGate;
    fail('render');
    renders.push(lang);
    const pdf = new TextEncoder().encode(`%PDF ${canonicalJson(doc.versions[lang])}`);
    return { pdf, pages: 1, sha256: createHash('sha256').update(pdf).digest('hex') };
  };

  const audit = memoryAudit();
  const distributor = createDistributor(
    {
      documents: {
        get: async () => structuredClone(document),
        findBySymbol: async (symbol) =>
          document.symbols.includes(symbol) || symbol === document.symbol
            ? structuredClone(document)
            : undefined,
      },
      distributions,
      pdfs: {
        head: async (key) =>
          objects.has(key) ? { sha256: objects.get(key)?.sha256, etag: '"e"' } : undefined,
        async put(key, _pdf, meta) {
          const previous = objects.get(key);
          objects.set(key, { sha256: meta.sha256, puts: (previous?.puts ?? 0) + 1 });
          return { etag: '"e"' };
        },
        attachment: async () => new Uint8Array(),
      },
      queue: {
        async enqueue(_id, languages) {
          queue.push(...languages);
        },
        async extend(receipt, seconds) {
          extended.push({ receipt, seconds });
        },
      },
      search: {
        async index(metadata) {
          indexed.push(metadata);
        },
      },
      submissions: {
        letterDate: async () => '2025-05-30',
        async markDistributed(id) {
          marked.push(id);
        },
      },
      events: {
        async publishDistributed(_doc, metadata) {
          fail('publish');
          events.push(metadata);
        },
      },
      render,
      audit,
    },
    {
      publicUrl: PUBLIC_URL,
      clock: () => new Date(now),
      ...(options.heartbeat ? { heartbeat: options.heartbeat } : {}),
    },
  );

  /** Runs the queued render jobs (all at once when `parallel`), retrying failures like SQS would. */
  async function drain({ parallel = false } = {}) {
    for (let round = 0; queue.length > 0 && round < 10; round++) {
      const jobs = queue.splice(0);
      const run = async (lang: Lang) => {
        try {
          await distributor.renderLanguage(document.id, lang);
        } catch {
          queue.push(lang); // back on the queue after the visibility timeout
        }
      };
      if (parallel) await Promise.all(jobs.map(run));
      else for (const lang of jobs) await run(lang);
    }
  }

  /** The officer's distribute call on the document, by its first symbol. */
  const distribute = (request: DistributeRequest = {}) =>
    distributor.distribute('A/79/923', request, officer);

  return {
    document,
    distributor,
    distribute,
    audit,
    /** A distribution whose jobs are run with one failure injected at `step`, then retried. */
    async distributeFailingOnce(step: Step, request: DistributeRequest = {}) {
      await distribute(request);
      faults.add(step);
      await drain();
    },
    drain,
    queue,
    events,
    indexed,
    marked,
    renders,
    objects,
    faults,
    head: () => head,
    record: () => record,
    jobs,
    extended,
    holdRenders: () => {
      let open = () => {};
      renderGate = new Promise<void>((resolve) => {
        open = resolve;
      });
      return () => {
        renderGate = undefined;
        open();
      };
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('planDistribution', () => {
  it('takes all six by default and needs the flag for fewer', () => {
    expect(planDistribution(SAMPLE, {})).toEqual({ ok: true, languages: [...LANGUAGES], partial: false });
    expect(planDistribution(SAMPLE, { languages: ['fr', 'en'], partial: true })).toEqual({
      ok: true,
      languages: ['en', 'fr'],
      partial: true,
    });
    const unflagged = planDistribution(SAMPLE, { languages: ['en'] });
    expect(unflagged).toMatchObject({ ok: false, kind: 'invalid', problems: [{ field: '/partial' }] });
  });

  it('names each missing version', () => {
    const { ar: _ar, zh: _zh, ...versions } = SAMPLE.versions;
    expect(planDistribution({ ...SAMPLE, versions }, {})).toMatchObject({
      ok: false,
      kind: 'conflict',
      problems: [{ field: '/versions/ar' }, { field: '/versions/zh' }],
    });
  });
});

describe('renderSource', () => {
  it('depends on content, not on the order of keys', () => {
    const en = SAMPLE.versions.en as Version;
    const reordered = Object.fromEntries(Object.entries(en).reverse()) as Version;
    const a = renderSource(SAMPLE, 'en', PUBLIC_URL);
    expect(
      renderSource({ ...SAMPLE, versions: { ...SAMPLE.versions, en: reordered } }, 'en', PUBLIC_URL),
    ).toBe(a);
    expect(
      renderSource(
        { ...SAMPLE, versions: { ...SAMPLE.versions, en: { ...en, title: 'Other' } } },
        'en',
        PUBLIC_URL,
      ),
    ).not.toBe(a);
    expect(renderSource(SAMPLE, 'en', 'https://other.example')).not.toBe(a);
    // Another language's text does not make this one stale.
    expect(renderSource({ ...SAMPLE, versions: { ...SAMPLE.versions, fr: en } }, 'en', PUBLIC_URL)).toBe(a);
  });
});

describe('distributor', () => {
  it('issues the document only when the last language is stored, then indexes and announces it once', async () => {
    const w = world();
    const { state, accepted } = await w.distribute();
    expect(accepted).toBe(true);
    expect(state).toMatchObject({ status: 'registered', pending: [...LANGUAGES], stored: [] });
    expect(w.queue).toEqual([...LANGUAGES]);
    const first = w.queue.splice(0, 5);
    for (const lang of first) await w.distributor.renderLanguage('doc-1', lang);
    expect(w.head().status).toBe('registered');
    expect(await w.distributor.publicMetadata('A/79/923')).toBeUndefined();
    await w.drain();
    expect(w.head().status).toBe('distributed');
    expect(w.events).toHaveLength(1);
    expect(w.indexed).toHaveLength(1);
    expect(w.marked).toEqual(['sub-1']);
    expect(w.events[0]).toMatchObject({
      dates: { letter: '2025-05-30', issued: '2025-06-03', distributed: '2025-06-04' },
    });
    const published = await w.distributor.publicMetadata('S/2025/341');
    expect(published?.metadata.languages.map((l) => l.lang)).toEqual([...LANGUAGES]);
  });

  it('announces once when six workers finish at the same time, and again never', async () => {
    const w = world();
    await w.distribute();
    await w.drain({ parallel: true });
    expect(w.events).toHaveLength(1);
    const again = await w.distribute();
    expect(again.accepted).toBe(false);
    expect(w.queue).toEqual([]);
    for (const lang of LANGUAGES) await w.distributor.renderLanguage('doc-1', lang); // late SQS duplicates
    expect(w.events).toHaveLength(1);
    expect(w.renders).toHaveLength(6);
  });

  it('completes a crash between the flip and the event on retry, without a second event', async () => {
    const w = world();
    await w.distributeFailingOnce('publish');
    expect(w.head().status).toBe('distributed');
    // The failed worker's claim must lapse before its retry may send.
    expect(w.events).toHaveLength(0);
    w.advance(61_000);
    await w.distribute();
    expect(w.events).toHaveLength(1);
    await w.distribute();
    expect(w.events).toHaveLength(1);
  });

  it('does not send again while the sender’s claim holds, even if it died before recording the send', async () => {
    const w = world();
    await w.distributeFailingOnce('markEventPublished');
    expect(w.events).toHaveLength(1);
    await w.distribute();
    expect(w.events).toHaveLength(1);
    // After the claim lapses the event is sent again (same distribution, so the same event id downstream).
    w.advance(61_000);
    await w.distribute();
    expect(w.events).toHaveLength(2);
    expect(w.events[1]).toEqual(w.events[0]);
    expect(w.record()?.eventPublished).toBe(true);
  });

  it('finishes a distribution whose PDFs were all stored before a crash, on the next distribute call', async () => {
    const w = world();
    await w.distribute();
    const jobs = w.queue.splice(0);
    for (const lang of jobs.slice(0, 5)) await w.distributor.renderLanguage('doc-1', lang);
    // The last worker stores its PDF, then dies before the flip; its message ends in the dead-letter queue.
    w.faults.add('finalize');
    await expect(w.distributor.renderLanguage('doc-1', jobs[5] as Lang)).rejects.toThrow('finalize');
    expect(w.head().status).toBe('registered');
    const { state } = await w.distribute();
    expect(state).toMatchObject({ status: 'distributed', pending: [] });
    expect(w.queue).toEqual([]);
    expect(w.renders).toHaveLength(6);
    expect(w.events).toHaveLength(1);
  });

  it('writes no second S3 version when a retry finds the object already stored', async () => {
    const w = world({ versions: ['en', 'fr'] });
    await w.distributeFailingOnce('putPdf', { languages: ['en', 'fr'], partial: true });
    expect(w.head().status).toBe('distributed');
    expect([...w.objects.values()].map((o) => o.puts)).toEqual([1, 1]);
    const published = await w.distributor.publicMetadata('A/79/923');
    expect(published?.metadata).toMatchObject({
      partial: true,
      title: { en: expect.any(String), fr: expect.any(String) },
    });
  });

  it('does not issue PDFs of a version replaced after they were rendered', async () => {
    const w = world();
    await w.distribute();
    w.queue.splice(0, 6, 'ar', 'zh', 'en', 'fr', 'ru');
    await w.drain();
    // Spanish is re-typed before its render: the distribution waits for the new text.
    const es = { ...(SAMPLE.versions.es as Version), title: 'Cartas idénticas (revisado)' };
    await w.distributor.putVersion('A/79/923', 'es', es, officer);
    expect(w.queue).toEqual(['es']);
    // A French correction after its PDF was stored makes that PDF stale.
    const fr = { ...(SAMPLE.versions.fr as Version), title: 'Lettres identiques (corrigé)' };
    await w.distributor.putVersion('A/79/923', 'fr', fr, officer);
    await w.drain();
    expect(w.head().status).toBe('distributed');
    const published = await w.distributor.publicMetadata('A/79/923');
    expect(published?.metadata.title).toMatchObject({ es: es.title, fr: fr.title });
    expect(w.renders.filter((l) => l === 'fr')).toHaveLength(2);
    await expect(w.distributor.putVersion('A/79/923', 'fr', fr, officer)).rejects.toMatchObject({
      kind: 'conflict',
    });
  });

  it('records who stored each version and asked for the distribution, once however often it is retried', async () => {
    const w = world();
    const es = { ...(SAMPLE.versions.es as Version), title: 'Cartas idénticas (revisado)' };
    const other = { role: 'officer' as const, tokenId: 'tok2' };
    await w.distributor.putVersion('A/79/923', 'es', es, officer);
    w.advance(1_000);
    await w.distributor.putVersion('A/79/923', 'es', es, officer);
    w.advance(1_000);
    await w.distributor.putVersion('A/79/923', 'es', { ...es, title: 'Cartas idénticas' }, other);
    w.advance(1_000);
    await w.distribute();
    w.advance(1_000);
    await w.distribute();
    const trail = await w.audit.list({ kind: 'document', id: w.document.id });
    expect(trail.map((e) => [e.action, e.actor.tokenId, e.detail])).toEqual([
      ['version-stored', 'tok', { lang: 'es' }],
      ['version-stored', 'tok2', { lang: 'es' }],
      ['distribution-requested', 'tok', { languages: ['ar', 'zh', 'en', 'fr', 'ru', 'es'] }],
    ]);
  });

  it('refuses the flip while a version write holds its lease, and after it changed the revision', async () => {
    const w = world();
    await w.distribute();
    await w.drain();
    expect(w.head().status).toBe('distributed');

    const v = world();
    await v.distribute();
    const head = v.head();
    head.writers = 1;
    head.versionWriteUntil = Date.parse('2025-06-04T10:00:05.000Z');
    await v.drain();
    expect(v.head().status).toBe('registered');
    // A writer that died leaves its lease to lapse; then the next attempt issues.
    v.advance(VERSION_WRITE_LEASE_MS);
    await v.distribute();
    expect(v.head().status).toBe('distributed');
  });
});

describe('a distribution that has not finished', () => {
  const at = (ms: number) => new Date(Date.parse('2025-06-04T10:00:00.000Z') + ms).toISOString();

  it('shows each pending language, since when, whether a worker has it, and when it looks stalled', async () => {
    const w = world();
    const { state } = await w.distribute();
    expect(state.stalled).toBe(false);
    expect(state.pendingLanguages).toEqual(
      LANGUAGES.map((language) => ({
        language,
        since: at(0),
        status: 'queued',
        attempts: 0,
        lastActivityAt: at(0),
        stalled: false,
      })),
    );

    // Five render; the Russian worker starts 2 s later and dies before storing anything.
    w.queue.splice(w.queue.indexOf('ru'), 1);
    await w.drain();
    w.advance(2_000);
    w.faults.add('render');
    await expect(w.distributor.renderLanguage('doc-1', 'ru')).rejects.toThrow('render');
    const after = await w.distributor.state(w.document);
    expect(after).toMatchObject({ pending: ['ru'], stalled: false });
    expect(after.pendingLanguages).toEqual([
      {
        language: 'ru',
        since: at(0),
        status: 'rendering',
        attempts: 1,
        lastActivityAt: at(2_000),
        stalled: false,
      },
    ]);

    // No sign of life for longer than a live worker or a retry would leave: it looks stalled.
    w.advance(STALLED_AFTER_MS);
    expect((await w.distributor.state(w.document)).stalled).toBe(false);
    w.advance(1);
    const stalled = await w.distributor.state(w.document);
    expect(stalled).toMatchObject({ stalled: true, pendingLanguages: [{ language: 'ru', stalled: true }] });

    // Distributing again queues it afresh; once it is stored nothing is pending or stalled.
    const again = await w.distribute();
    expect(again.state.pendingLanguages).toEqual([
      expect.objectContaining({ language: 'ru', status: 'queued', attempts: 0, stalled: false }),
    ]);
    await w.drain();
    const done = await w.distributor.state(w.document);
    expect(done).toMatchObject({ status: 'distributed', pending: [], pendingLanguages: [], stalled: false });
  });

  it('shows nothing pending before a distribution is asked for', async () => {
    const w = world();
    w.advance(STALLED_AFTER_MS * 10);
    expect(await w.distributor.state(w.document)).toMatchObject({
      requested: false,
      pending: [],
      pendingLanguages: [],
      stalled: false,
    });
  });

  it('renews the job at once and on every beat while it renders, and records that its worker is alive', async () => {
    const w = world({ heartbeat: { everyMs: 5, leaseSeconds: 15 } });
    await w.distribute({ languages: ['en'], partial: true });
    w.queue.splice(0);
    const release = w.holdRenders();
    const rendering = w.distributor.renderLanguage('doc-1', 'en', 'receipt-1');
    // At once: the job is held for the lease, not for the queue's own visibility timeout.
    expect(w.extended).toEqual([{ receipt: 'receipt-1', seconds: 15 }]);
    await until(() => w.jobs.get('en')?.startedAt === at(0));
    w.advance(3_000);
    await until(() => w.jobs.get('en')?.aliveAt === at(3_000));
    expect(w.extended.length).toBeGreaterThan(1);
    expect(new Set(w.extended.map((e) => `${e.receipt} ${e.seconds}`))).toEqual(new Set(['receipt-1 15']));
    expect((await w.distributor.state(w.document)).pendingLanguages).toEqual([
      {
        language: 'en',
        since: at(0),
        status: 'rendering',
        attempts: 1,
        lastActivityAt: at(3_000),
        stalled: false,
      },
    ]);
    release();
    expect(await rendering).toBe('rendered');
    // The beats stop with the job.
    const beats = w.extended.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(w.extended.length).toBe(beats);
    expect(w.head().status).toBe('distributed');
  });

  it('keeps a dead worker’s job from others for less time than a stalled language is shown after', () => {
    expect(RENDER_HEARTBEAT.leaseSeconds * 1000).toBeLessThan(STALLED_AFTER_MS);
    expect(RENDER_HEARTBEAT.everyMs * 2).toBeLessThan(RENDER_HEARTBEAT.leaseSeconds * 1000);
  });
});

/** Polls a condition of the in-memory world (which timers change) for up to a second. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
