import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditEntry, auditEntry } from '../functions/domain/audit.ts';
import { LANGUAGES } from '../functions/domain/languages.ts';
import { auditAction, auditTrail } from '../functions/web/audit-trail.ts';
import type { PageContext } from '../functions/web/markup.ts';

const officer = { role: 'officer' as const, tokenId: 'tok_1' };
const detail = {
  symbols: ['A/79/923', 'S/2025/341'],
  jobNumber: '25-08590',
  reason: 'Not a <b>letter</b>',
  lang: 'fr' as const,
  languages: ['en' as const, 'fr' as const],
  annex: 1,
  followup: 'A/79/923/Add.1',
};

describe('the audit trail on the pages', () => {
  it.each(LANGUAGES)('words every action in %s, its particulars filled in', (lang) => {
    for (const action of AUDIT_ACTIONS) {
      const said = auditAction(
        auditEntry({ kind: 'document', id: 'd' }, action, {
          at: '2025-06-04T10:02:00Z',
          actor: officer,
          detail,
        }),
        lang,
      );
      expect(said, action).not.toMatch(/[{}]/);
      expect(said.length, action).toBeGreaterThan(2);
    }
    expect(
      auditAction(
        auditEntry({ kind: 'document', id: 'd' }, 'registered', { at: '', actor: officer, detail }),
        lang,
      ),
    ).toContain('25-08590');
  });

  it('lists who did what and when, escaping what was typed', () => {
    const ctx: PageContext = {
      lang: 'en',
      stylesheet: '/s.css',
      hrefIn: (l) => `/${l}`,
      publicUrl: 'https://x',
    };
    const entries: AuditEntry[] = [
      auditEntry({ kind: 'submission', id: 's' }, 'rejected', {
        at: '2025-06-04T10:02:00.000Z',
        actor: officer,
        detail,
      }),
    ];
    const markup = String(auditTrail(ctx, entries));
    expect(markup).toContain(
      '<time datetime="2025-06-04T10:02:00.000Z">4 June 2025 <span dir="ltr">10:02</span></time>',
    );
    expect(markup).toContain('officer, token \u2068tok_1\u2069');
    expect(markup).toContain('Rejected: \u2068Not a &lt;b&gt;letter&lt;/b&gt;\u2069');
    expect(String(auditTrail(ctx, []))).toContain('Nothing recorded yet.');
  });
});
