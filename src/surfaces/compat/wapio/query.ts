// Wapio's cursor pagination parameters (API-CATALOG §3.1): `limit` 1–200 (default 50) and
// `before_id`, the `next_cursor` of the previous page. An empty `before_id` (what the seed's
// Postman collection sends) means the first page.
import { z } from 'zod';

export const beforeIdParam = z.preprocess((v) => (v === '' ? undefined : v), z.string().max(512).optional());

export const limitParam = (max = 200, byDefault = 50) => z.coerce.number().int().min(1).max(max).default(byDefault);
