/** The officer console: the intake queue. */
import { listSubmissionsFor } from '../domain/submissions-service.ts';
import type { Handlers } from '../http/router.ts';
import { page } from './app.ts';
import { consolePage } from './console-pages.ts';
import { PRIVATE, type WebKit } from './kit.ts';

/** The intake queue's length on the console page. */
export const CONSOLE_QUEUE = 100;

export type ConsoleOperation = 'webConsole';

export function consoleHandlers({ deps, signedIn }: WebKit): Pick<Handlers<'web'>, ConsoleOperation> {
  const { submissions } = deps;
  return {
    webConsole: async ({ event, params }) => {
      const { lang } = params;
      const found = await signedIn(event, lang, ['officer']);
      if ('response' in found) return found.response;
      const received = await listSubmissionsFor(
        submissions,
        { role: 'officer' },
        { limit: CONSOLE_QUEUE, status: 'received' },
      );
      // The store lists newest first; the queue is worked oldest first.
      const queue = [...received.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return page(200, consolePage(found.ctx, queue), PRIVATE);
    },
  };
}
