/** The design sample as the mission's new-submission form sends it (tests of the form's post). */
import { fixture, sampleSubmission } from './fixtures.ts';

/** The form's fields holding the design sample: GA 79 item 51 and the Security Council, one text annex. */
export function sampleFormFields(): [string, string][] {
  const sample = sampleSubmission() as ReturnType<typeof sampleSubmission> & {
    from: { signatory: string; title: string[] };
  };
  const annex = sample.annexes?.[0];
  return [
    ['kind', 'letter'],
    ...sample.addressees.map((a): [string, string] => ['addressee', a]),
    ['organ', 'GA'],
    ['organ', 'SC'],
    ['session', '79'],
    ['agendaItem', '51'],
    ['date', sample.date],
    ['language', sample.language],
    ['title', sample.title],
    ['body', sample.body.replaceAll('\n', '\r\n')],
    ['signatory', sample.from.signatory],
    ['signatureTitle', sample.from.title.join('\r\n')],
    ['annex-t1-heading', annex?.heading ?? ''],
    ['annex-t1-title', annex?.title ?? ''],
    ['annex-t1-text', (annex?.body ?? '').replaceAll('\n', '\r\n')],
  ];
}

/** The GA 79 agenda the form's agenda items come from (officers load it with PUT /v1/agendas/GA/79). */
export const agenda79 = () => fixture('agenda-GA-79.json');

/** A multipart post of the form from the site itself, with the session's cookie; redirects left to the caller. */
export function multipartPost(
  origin: string,
  cookie: string,
  fields: readonly [string, string | Blob, string?][],
): RequestInit {
  const body = new FormData();
  for (const [name, value, fileName] of fields) {
    if (typeof value === 'string') body.append(name, value);
    else body.append(name, value, fileName);
  }
  return { method: 'POST', redirect: 'manual', headers: { origin, cookie }, body };
}
