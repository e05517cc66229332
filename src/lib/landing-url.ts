/** Longest landing URL accepted: browsers and proxies handle far longer, but a link is not a payload. */
export const MAX_LANDING_URL_LENGTH = 2000;

/**
 * Why `value` cannot be a landing page, or undefined when it can: an absolute `http:` or `https:`
 * URL without credentials. Tributary never fetches it (the shopper's browser is sent there), so
 * the SSRF guard does not apply; the checks keep a link from leading to `javascript:` or
 * `data:` URLs, or carrying a password in the Location header.
 */
export function landingUrlProblem(value: string): string | undefined {
  if (value.length > MAX_LANDING_URL_LENGTH) return `must be at most ${MAX_LANDING_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL such as https://shop.example.com/';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  return undefined;
}
