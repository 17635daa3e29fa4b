// A cache for knowledge-base answers only: the same question over the same passages gets the same answer
// without a model call. Keyed by tenant + endpoint + model + the normalised question + the passage ids, so
// nothing crosses tenants. Never filled when a tool was called or when the question or the answer carries
// anything personal (the caller checks; see `cacheable`). Bounded LRU, 10 minutes, per isolate.
import type { KnowledgePassage } from './brain';
import { mentionsPersonalData } from './guardrails';

export const ANSWER_TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 500;

export interface CachedAnswer {
  text: string;
  citations: { articleId: string; title: string }[];
}

const entries = new Map<string, { at: number; answer: CachedAnswer }>();

/** Lowercase, no accents, no punctuation, single spaces: "Qual o horário?" ≡ "qual o horario". */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const cacheKey = (scope: string, question: string, passages: readonly KnowledgePassage[]) =>
  JSON.stringify([scope, normaliseText(question), passages.map((p) => p.articleId).sort()]);

/** Only plain knowledge-base answers: passages given, no tool called, nothing personal either way. */
export function cacheable(input: {
  question: string;
  answer: string;
  passages: readonly KnowledgePassage[];
  toolsUsed: readonly string[];
}): boolean {
  return (
    input.passages.length > 0 &&
    input.toolsUsed.length === 0 &&
    !mentionsPersonalData(input.question) &&
    !mentionsPersonalData(input.answer)
  );
}

export function cachedAnswer(key: string, now = Date.now()): CachedAnswer | null {
  const entry = entries.get(key);
  if (!entry) return null;
  entries.delete(key);
  if (now - entry.at > ANSWER_TTL_MS) return null;
  entries.set(key, entry); // most recently used last
  return entry.answer;
}

export function rememberAnswer(key: string, answer: CachedAnswer, now = Date.now()): void {
  entries.delete(key);
  entries.set(key, { at: now, answer });
  while (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
}
