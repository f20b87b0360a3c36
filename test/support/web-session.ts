/** Signing in to the web pages over plain HTTP, as a browser would post the forms (tests of the session pages). */

/** A form post from the site itself (its own `Origin`), redirects left to the caller. */
export const formPost = (
  origin: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): RequestInit => ({
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...headers },
  body: new URLSearchParams(fields).toString(),
});

/** The `name=value` of the session cookie a sign-in answer sets. */
export function sessionCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => /^(__Host-)?distr_session=/.test(c));
  if (!set) throw new Error(`No session cookie in the answer (${res.status})`);
  return set.split(';')[0] as string;
}

/** Signs in with a token; the cookie to send with later requests. */
export async function signIn(url: string, token: string, lang = 'en'): Promise<string> {
  const res = await fetch(`${url}/${lang}/sign-in`, formPost(url, { token }));
  if (res.status !== 303) throw new Error(`Sign-in answered ${res.status}: ${await res.text()}`);
  return sessionCookie(res);
}

/** The CSRF token a signed-in page's forms carry. */
export function csrfOf(html: string): string {
  const found = /name="csrf" value="([^"]+)"/.exec(html);
  if (!found?.[1]) throw new Error('No CSRF field in the page');
  return found[1];
}
