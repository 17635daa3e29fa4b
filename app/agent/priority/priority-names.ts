// The five ticket priorities by name. Stored as 1..5 (tickets.priority, default 3) where 5 is the most
// urgent: the inbox lists 5 first (app/lib/inbox-views.ts) and the AI classifier is told "5 = most urgent"
// (workers/ai/prompts.ts). Pure, so the dictionaries can name a priority without importing the locale.

export const PRIORITIES = [5, 4, 3, 2, 1] as const;
export type PriorityLevel = (typeof PRIORITIES)[number];

export const PRIORITY_NAMES: Record<'pt-BR' | 'en', Record<PriorityLevel, string>> = {
  'pt-BR': { 5: 'Urgente', 4: 'Alta', 3: 'Normal', 2: 'Baixa', 1: 'Muito baixa' },
  en: { 5: 'Urgent', 4: 'High', 3: 'Normal', 2: 'Low', 1: 'Very low' },
};

/** A stored priority as one of the five levels (anything out of range is read as the nearest end). */
export function priorityLevel(p: number): PriorityLevel {
  return Math.min(5, Math.max(1, Math.round(Number.isFinite(p) ? p : 3))) as PriorityLevel;
}
