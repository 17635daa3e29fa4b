// What callers send the rate limiter object and what it answers: the policy travels with every call (the
// object keeps no configuration), checked with zod because an RPC argument is a boundary like any other.
import { z } from 'zod';

export const LimitPolicy = z.strictObject({
  /** Hits allowed per window. */
  limit: z.number().int().min(1).max(1_000_000),
  windowMs: z.number().int().min(1_000).max(86_400_000),
  /** Locks the key past the limit, doubling per lockout in a row up to `capMs`; forgotten after `decayMs`. */
  lockout: z
    .strictObject({
      baseMs: z.number().int().min(1_000).max(86_400_000),
      capMs: z.number().int().min(1_000).max(86_400_000),
      decayMs: z
        .number()
        .int()
        .min(0)
        .max(7 * 86_400_000),
    })
    .optional(),
});
export type LimitPolicy = z.infer<typeof LimitPolicy>;

export type LimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number };
