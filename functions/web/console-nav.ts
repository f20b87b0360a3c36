/** The officer console's own navigation: its pages, the current one marked for assistive technology. */
import { attrs, html, type Node, type PageContext } from './markup.ts';
import { messages } from './messages.ts';

export const CONSOLE_SECTIONS = ['queue', 'tokens', 'agendas', 'series', 'subscriptions'] as const;
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number];

const PATHS: Record<ConsoleSection, string> = {
  queue: '',
  tokens: '/tokens',
  agendas: '/agendas',
  series: '/series',
  subscriptions: '/subscriptions',
};

export const consolePath = (ctx: PageContext, section: ConsoleSection) =>
  `/${ctx.lang}/console${PATHS[section]}`;

export function consoleNav(ctx: PageContext, current: ConsoleSection): Node {
  const t = messages(ctx.lang).consoleNav;
  return html`<nav class="console" aria-label="${t.label}">
    <ul>
      ${CONSOLE_SECTIONS.map(
        (section) =>
          html`<li>
            <a href="${consolePath(ctx, section)}"${attrs({
              'aria-current': section === current ? 'page' : undefined,
            })}>${t[section]}</a>
          </li>`,
      )}
    </ul>
  </nav>`;
}
