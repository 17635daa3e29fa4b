// How long a customer may wait for the bot: one deadline per step, ERP calls and the LLM included (the LLM's
// own deadline sits inside it). Past it, the watchdog hands the conversation to people.
import type { Env } from '../../../workers/env';

const DEFAULT_STEP_DEADLINE_MS = 15_000;
/** A fresh object (after an eviction) resumes a pending step this soon through the alarm. */
export const RESUME_AFTER_MS = 2_000;

export function stepDeadlineMs(env: Env): number {
  const n = Number(env.BOT_STEP_DEADLINE_MS);
  return Number.isFinite(n) && n >= 1_000 ? n : DEFAULT_STEP_DEADLINE_MS;
}
