// WasenderApi's two list shapes (API-CATALOG.md §4.1): Laravel's page (message and session logs)
// and the opt-in `{items, pagination}` of contacts and groups.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

export const laravelQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(10),
});

/** Laravel's paginator around one page of rows; `total` null when the count is unknown (wagate pages by cursor). */
export function laravelPage<T>(
  req: FastifyRequest,
  page: number,
  perPage: number,
  rows: T[],
  hasMore: boolean,
): Record<string, unknown> {
  const from = rows.length ? (page - 1) * perPage + 1 : null;
  const path = `${req.protocol}://${req.host}${req.url.split('?')[0]}`;
  return {
    current_page: page,
    data: rows,
    first_page_url: `${path}?page=1`,
    from,
    last_page: hasMore ? page + 1 : page,
    last_page_url: null,
    next_page_url: hasMore ? `${path}?page=${page + 1}` : null,
    path,
    per_page: perPage,
    prev_page_url: page > 1 ? `${path}?page=${page - 1}` : null,
    to: from === null ? null : from + rows.length - 1,
    total: null,
  };
}

/** Walks cursor pages (`limit` rows each) up to page `page`; its rows and whether more follow. */
export async function pageByNumber<T>(
  page: number,
  fetchPage: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>,
): Promise<{ rows: T[]; hasMore: boolean }> {
  let cursor: string | undefined;
  for (let p = 1; ; p++) {
    const got = await fetchPage(cursor);
    if (p === page) return { rows: got.data, hasMore: got.nextCursor !== null };
    if (!got.nextCursor) return { rows: [], hasMore: false };
    cursor = got.nextCursor;
  }
}

export const simpleQuery = z.object({
  paginated: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(1_000).default(20),
});

/** A plain array, or with `paginated=true` `{items, pagination:{total, page, limit, totalPages}}`. */
export function simpleList<T>(all: T[], q: z.infer<typeof simpleQuery>): T[] | Record<string, unknown> {
  if (!q.paginated) return all;
  const start = (q.page - 1) * q.limit;
  return {
    items: all.slice(start, start + q.limit),
    pagination: { total: all.length, page: q.page, limit: q.limit, totalPages: Math.ceil(all.length / q.limit) },
  };
}
