/**
 * The web function: the pages over the same services the API function builds (its wiring), plus
 * the sessions, the assets and the token store of the console, and the renderer of its previews.
 */
import { createAwsClients } from '../adapters/aws-clients.ts';
import { createDocumentStore, createFollowupIndex } from '../adapters/document-store.ts';
import { createRenderer } from '../adapters/renderer.ts';
import { dynamoSessionStore } from '../adapters/session-store.ts';
import { getToken } from '../adapters/token-store.ts';
import { webApp } from '../web/app.ts';
import { loadAssets } from '../web/assets.ts';
import { webRoutes } from '../web/handlers.ts';
import type { WebDeps } from '../web/kit.ts';
import { errorPage, notFoundPage } from '../web/pages.ts';
import { sessions } from '../web/session.ts';
import { apiDeps } from './api.ts';

export function webDeps(env: NodeJS.ProcessEnv): WebDeps {
  const clients = createAwsClients(env);
  const api = apiDeps(env, clients);
  const { config } = api;
  const table = { db: clients.db, tableName: config.tableName };
  return {
    ...api,
    followups: createFollowupIndex(clients.db, config.tableName),
    assets: loadAssets(),
    sessions: sessions({
      store: dynamoSessionStore(table),
      // The authorizer's read: one strongly consistent GetItem, so a revocation counts at once.
      findToken: (id) => getToken(table, id),
      siteOrigin: new URL(config.publicUrl).origin,
    }),
    documents: createDocumentStore(clients.db, config.tableName),
    tokens: table,
    audit: api.submissions.audit,
    preview: createRenderer(config.publicUrl),
  };
}

/** Builds the handler from an environment: Lambda passes its own, the local runtime one per instance. */
export function createHandler(env: NodeJS.ProcessEnv) {
  const deps = webDeps(env);
  const stylesheet = `/assets/${deps.assets.stylesheet.name}`;
  const ctx = (lang: Parameters<typeof notFoundPage>[0]['lang']) => ({
    lang,
    stylesheet,
    hrefIn: (l: typeof lang) => `/${l}`,
    publicUrl: deps.config.publicUrl,
  });
  return webApp(webRoutes(deps), {
    notFound: (lang) => notFoundPage(ctx(lang)),
    error: (lang) => errorPage(ctx(lang)),
  });
}

export const handler = createHandler(process.env);
