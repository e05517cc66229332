import type { DestinationType } from './destination-type.ts';
import { endpoint, httpDestinationType } from './http-type.ts';
import { toGa4Bodies } from './ga4-mapping.ts';

export interface Ga4Config {
  measurement_id: string;
  api_secret: string;
  url?: string;
}

export const GA4_DEFAULT_URL = 'https://www.google-analytics.com';

/**
 * Google Analytics 4 through the Measurement Protocol: `POST {url}/mp/collect?measurement_id=…&api_secret=…`
 * (EU collection: https://region1.google-analytics.com), mapped within GA4's documented limits
 * (ga4-mapping.ts). A batch becomes one request per client and 25 events; the post body limit is
 * 130 kB. GA4 answers 2xx for any well-formed request and does not deduplicate: a retried
 * request may count its events twice (retries happen only after a failed answer).
 */
export const ga4Type: DestinationType<Ga4Config> = httpDestinationType<Ga4Config>({
  id: 'ga4',
  title: 'Google Analytics 4',
  description: 'Events and user properties to a GA4 data stream through the Measurement Protocol.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['measurement_id', 'api_secret'],
    properties: {
      measurement_id: { type: 'string', pattern: '^G-[A-Z0-9]{4,20}$', title: 'Measurement ID', description: 'G-XXXXXXXXXX, from the web data stream.' },
      api_secret: { type: 'string', minLength: 1, maxLength: 200, title: 'API secret', 'x-secret': true, writeOnly: true },
      url: { type: 'string', minLength: 1, maxLength: 2048, title: 'Base URL', default: GA4_DEFAULT_URL, description: 'https://region1.google-analytics.com to collect in the EU.' },
    },
  },
  urlFields: ['url'],
  // Split by client in the mapping; 25 events of up to 25 params stay well under 130 kB per request
  // unless properties are long, so a claimed batch is bounded by bytes too.
  limits: { maxEvents: 100, maxBytes: 120_000, maxWaitMs: 1000, rateLimit: null },
  requests(events, config, { now }) {
    const query = `?measurement_id=${encodeURIComponent(config.measurement_id)}&api_secret=${encodeURIComponent(config.api_secret)}`;
    const url = endpoint(config.url ?? GA4_DEFAULT_URL, `/mp/collect${query}`);
    return toGa4Bodies(events, now).map((body) => ({ url, headers: {}, body: JSON.stringify(body) }));
  },
});
