/**
 * The console's tokens (officers): the list, creating a mission's or a subscriber's token, and
 * revoking one. The service is the one the CLI's records come from (domain/tokens-service.ts); the
 * sessions of a revoked token end at their next request (session.ts reads the token every time).
 */
import { tokenRegistry } from '../adapters/token-store.ts';
import { DomainError } from '../domain/errors.ts';
import { consoleGrant, createTokensService, FORM_KEY_RE, newFormKey } from '../domain/tokens-service.ts';
import type { Handlers } from '../http/router.ts';
import { page } from './app.ts';
import { consolePath } from './console-nav.ts';
import { tokenCreatedPage, tokensPage } from './console-tokens-pages.ts';
import { PRIVATE, seeOther, type WebKit } from './kit.ts';
import { messages } from './messages.ts';
import { errorPage, notFoundPage } from './pages.ts';

export type ConsoleTokensOperation = 'webConsoleTokens' | 'webConsoleTokenCreate' | 'webConsoleTokenRevoke';

export function consoleTokensHandlers({
  deps,
  signedIn,
  signedInForm,
}: WebKit): Pick<Handlers<'web'>, ConsoleTokensOperation> {
  const service = createTokensService(tokenRegistry(deps.tokens));
  return {
    webConsoleTokens: async ({ event, params }) => {
      const found = await signedIn(event, params.lang, ['officer']);
      if ('response' in found) return found.response;
      const tokens = await service.list();
      return page(
        200,
        tokensPage(found.ctx, { tokens, self: found.caller.tokenId, formKey: newFormKey() }),
        PRIVATE,
      );
    },

    webConsoleTokenCreate: async ({ event, params }) => {
      const found = await signedInForm(event, params.lang, ['officer']);
      if ('response' in found) return found.response;
      const { ctx, caller, form } = found;
      const key = form.get('key') ?? '';
      if (!FORM_KEY_RE.test(key)) return page(400, errorPage(ctx), PRIVATE);
      const values = { role: form.get('role') ?? '', state: form.get('state') ?? '' };
      const grant = consoleGrant(values.role, values.state);
      if ('problem' in grant) {
        const t = messages(ctx.lang).tokens;
        const message = {
          role: t.roleInvalid,
          'state-missing': t.stateMissing,
          'state-not-for-role': t.stateNotForRole,
        }[grant.problem];
        const tokens = await service.list();
        return page(
          422,
          tokensPage(ctx, {
            tokens,
            self: caller.tokenId,
            formKey: key,
            values,
            errors: { [grant.field]: message },
          }),
          PRIVATE,
        );
      }
      const issued = await service.issueOnce(caller, grant, key);
      // A page, not a redirect: the token must not travel in a URL, nor be kept by any cache.
      return page(
        200,
        tokenCreatedPage(
          ctx,
          issued.created ? { record: issued.record, token: issued.token } : { id: issued.id },
        ),
        PRIVATE,
      );
    },

    webConsoleTokenRevoke: async ({ event, params }) => {
      const found = await signedInForm(event, params.lang, ['officer']);
      if ('response' in found) return found.response;
      const { ctx, caller } = found;
      try {
        await service.revoke(caller, params.id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.kind === 'not-found') return page(404, notFoundPage(ctx), PRIVATE);
        if (error.kind !== 'forbidden') throw error;
        const tokens = await service.list();
        return page(
          403,
          tokensPage(ctx, { tokens, self: caller.tokenId, formKey: newFormKey(), refused: true }),
          PRIVATE,
        );
      }
      return seeOther(consolePath(ctx, 'tokens'));
    },
  };
}
