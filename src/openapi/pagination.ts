/**
 * The documented shape of cursor pagination (src/http/pagination.ts and the attribution API's
 * id-pagination.ts answer the same shape): `?limit=&cursor=` in, `{ data, has_more, next_cursor }`
 * out. The handlers parse the query themselves (see route-docs.ts on why Fastify does not).
 */
export function pageQuery(maxLimit: number, defaultLimit = 50, extra: Record<string, object> = {}) {
  return {
    type: 'object',
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit, description: `Rows per page, 1–${maxLimit}.` },
      cursor: { type: 'string', description: 'The `next_cursor` of the previous page; empty or absent for the first page.' },
      ...extra,
    },
  } as const;
}

/** One page of `item`: `next_cursor` is null on the last page. */
export function pageOf(item: object, description = 'One page of results, newest first.') {
  return {
    type: 'object',
    description,
    required: ['data', 'has_more', 'next_cursor'],
    properties: {
      data: { type: 'array', items: item },
      has_more: { type: 'boolean', description: 'True when another page follows.' },
      next_cursor: { type: ['string', 'null'], description: 'Pass as `cursor` to read the next page; null on the last one.' },
    },
  } as const;
}
