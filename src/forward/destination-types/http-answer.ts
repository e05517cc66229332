import { verdictFor, type AttemptVerdict } from '../retry-policy.ts';
import type { HttpAnswer, SendOutcome } from './destination-type.ts';

/** How much of a peer's answer the `/test` endpoint shows. */
export const RESPONSE_EXCERPT = 512;

/**
 * An HTTP answer as a SendOutcome, judged as Standard Webhooks and the vendors' APIs document it:
 * 2xx delivered; 408, 429, 5xx and no answer retried (after `Retry-After` at the earliest); 410
 * gone; any other 4xx (and 3xx: redirects are not followed) final; a refused address final.
 * `override` lets a type judge a status its vendor documents otherwise (Slack's 200 `ok`, a
 * vendor's 413 that a smaller batch would fix).
 */
export function classifyHttpAnswer(answer: HttpAnswer, override?: AnswerJudge): SendOutcome {
  const judged = override?.(answer);
  const verdict = judged === undefined ? verdictFor(answer) : typeof judged === 'string' ? judged : judged.verdict;
  return {
    verdict,
    statusCode: answer.statusCode,
    latencyMs: answer.latencyMs,
    error: typeof judged === 'object' ? judged.error : answer.error,
    retryAfterMs: answer.retryAfterMs,
    response: answer.body === undefined ? undefined : answer.body.slice(0, RESPONSE_EXCERPT),
  };
}

/**
 * A type's own reading of an answer its vendor documents otherwise: a verdict, or a verdict with
 * the reason to record (a 200 whose body says the update was refused); undefined for the default.
 */
export type AnswerJudge = (answer: HttpAnswer) => AttemptVerdict | { verdict: AttemptVerdict; error: string } | undefined;

/** One HTTP request a mapping asks for: forwarding's client adds `content-type: application/json`. */
export interface HttpRequestSpec {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The outcome that decides for a batch sent as several requests: the first that was not delivered. */
export function worstOutcome(outcomes: readonly SendOutcome[]): SendOutcome {
  const failed = outcomes.find((outcome) => outcome.verdict !== 'delivered');
  const latencyMs = outcomes.reduce((sum, outcome) => sum + outcome.latencyMs, 0);
  return { ...(failed ?? outcomes[outcomes.length - 1]!), latencyMs };
}

/**
 * Sends a batch's requests one after another (a vendor's track and profile endpoints), stopping at
 * the first that is not delivered: a retry sends them all again, which the vendors' insert ids
 * make harmless. An empty list (nothing in the batch maps to this vendor) is delivered.
 */
export async function sendAll(
  post: (spec: HttpRequestSpec) => Promise<HttpAnswer>,
  specs: readonly HttpRequestSpec[],
  override?: AnswerJudge,
): Promise<SendOutcome> {
  if (specs.length === 0) return { verdict: 'delivered', statusCode: null, latencyMs: 0, error: null, retryAfterMs: null, response: 'nothing in this batch maps to this destination' };
  const outcomes: SendOutcome[] = [];
  for (const spec of specs) {
    const outcome = classifyHttpAnswer(await post(spec), override);
    outcomes.push(outcome);
    if (outcome.verdict !== 'delivered') break;
  }
  return worstOutcome(outcomes);
}
