import { sampleEvent } from './canonical-event.ts';
import type { ConfigSchema, DestinationLimits, DestinationType } from './destination-type.ts';
import { sendAll, type AnswerJudge, type HttpRequestSpec } from './http-answer.ts';

/** What an HTTP vendor type is made of: its schema, limits and a pure mapping from events to requests. */
export interface HttpTypeDefinition<Config extends object> {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly configSchema: ConfigSchema;
  readonly urlFields?: readonly string[];
  readonly limits: DestinationLimits;
  check?: DestinationType<Config>['check'];
  /**
   * The requests that deliver these events (pure: unit-tested without a peer). `requestId` is the
   * batch's stable id; `now` stands in for events without a time.
   */
  requests(events: readonly Record<string, unknown>[], config: Config, context: { requestId: string; now: number }): HttpRequestSpec[];
  /** A status (or a 2xx body) the vendor documents otherwise than classifyHttpAnswer judges it. */
  classify?: AnswerJudge;
  /**
   * The vendor's 2xx body says whether it took the request (Mixpanel's profile updates): read its
   * start for `classify` on every send, not only on tests.
   */
  readonly readsAnswer?: boolean;
}

/** A `DestinationType` for an HTTP vendor: requests from the mapping, sent through forwarding's client. */
export function httpDestinationType<Config extends object>(definition: HttpTypeDefinition<Config>): DestinationType<Config> {
  const { requests, classify, readsAnswer, ...described } = definition;
  return {
    ...described,
    transport: 'http',
    open(config, context) {
      const send = (events: readonly Record<string, unknown>[], requestId: string, signal: AbortSignal, keepBody: boolean) =>
        sendAll(
          (spec) => context.http.post(spec.url, spec.headers, spec.body, signal, { keepBody }),
          requests(events, config, { requestId, now: Date.now() }),
          classify,
        );
      return {
        send: (batch, signal) => send(batch.events, batch.requestId, signal, readsAnswer === true),
        test: (signal) => {
          const id = `test-${crypto.randomUUID()}`;
          return send([sampleEvent(Date.now(), id)], id, signal, true);
        },
      };
    },
  };
}

/** The base URL of a config (its `url`, or the vendor's), without a trailing slash, with `path` appended. */
export function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
