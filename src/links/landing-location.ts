/** The code a valid link adds to its landing page, under the program's parameter name. */
export interface ReferralParam {
  readonly param: string;
  readonly code: string;
}

/**
 * Where a click on `/r/{code}?…` sends the shopper: the landing URL with the link's own query
 * parameters passed through (`utm_source` …) and, for a valid code, `?{param}={code}` added.
 *
 * The landing URL keeps its query and fragment as written: when nothing the link adds is already
 * there, the additions are appended to its query text, so `?a=b%20c` or a bare `?flag` is not
 * re-encoded. When a name repeats, the link's value replaces the landing URL's (the link is the
 * more specific of the two, as in Dub's pass-through) and `URLSearchParams` writes the query
 * anew. A parameter of the link with the referral parameter's name is dropped: a link cannot
 * name another code than its own, and an invalid link carries none.
 */
export function landingLocation(landingUrl: string, linkQuery: URLSearchParams, referral: ReferralParam | undefined, referralParam = referral?.param ?? 'ref'): string {
  const url = new URL(landingUrl);
  const added = new URLSearchParams();
  for (const [name, value] of linkQuery) if (name !== referralParam) added.append(name, value);
  if (referral) added.append(referral.param, referral.code);
  if ([...added.keys()].length === 0) return url.href;
  const existing = url.searchParams;
  const collides = [...new Set(added.keys())].some((name) => existing.has(name));
  if (!collides) {
    const query = url.search.slice(1);
    url.search = query === '' ? added.toString() : `${query}&${added.toString()}`;
    return url.href;
  }
  for (const name of new Set(added.keys())) existing.delete(name);
  for (const [name, value] of added) existing.append(name, value);
  return url.href;
}
