// The /v1 JSON shapes of the account and its personal access tokens, and the core → JSON translation.
import { z } from 'zod';
import type { Account } from '../../../core/accounts/account.types.js';
import type { PersonalToken } from '../../../core/tokens/personal-token.service.js';

export const accountSchema = z
  .object({
    id: z.string().meta({ examples: ['acc_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f'] }),
    name: z.string(),
    created_at: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'Account' });

export const personalTokenSchema = z
  .object({
    id: z.string().meta({ examples: ['pat_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f'] }),
    name: z.string().nullable(),
    fingerprint: z
      .string()
      .describe('Safe to display; identifies the token')
      .meta({ examples: ['wg_pat_...x9Qz'] }),
    created_at: z.string().describe('ISO 8601'),
    last_used_at: z.string().nullable().describe('Last use, recorded at most once a minute'),
    current: z.boolean().describe('True for the token that made this request'),
  })
  .meta({ id: 'PersonalToken' });

export const tokenIdParamsSchema = z.object({
  id: z.string().min(1).max(100).describe('The token id (`pat_…`)'),
});

export const tokensCreateBodySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('What the token is for, shown in lists')
      .meta({ examples: ['ci-deploy'] }),
    prefix: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,15}$/)
      .optional()
      .describe(
        "The token's leading word (default `wg`, giving `wg_pat_…`): a client of another product's API may expect its form, e.g. `bps` for Wapio's `bps_pat_…`",
      )
      .meta({ examples: ['bps'] }),
  })
  .strict();

export type PersonalTokenJson = z.infer<typeof personalTokenSchema>;

export function toAccountJson(a: Account): z.infer<typeof accountSchema> {
  return { id: a.id, name: a.name, created_at: a.createdAt };
}

export function toPersonalTokenJson(t: PersonalToken): PersonalTokenJson {
  return {
    id: t.id,
    name: t.name,
    fingerprint: t.fingerprint,
    created_at: t.createdAt,
    last_used_at: t.lastUsedAt,
    current: t.current,
  };
}
