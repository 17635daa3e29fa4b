// Ticket priorities as the agent client shows them: the name in the agent's language ("Urgente" … "Muito
// baixa") and the chip's colour class. The one helper the ticket bar, the inbox rows and the timeline use.
import { locale } from '../i18n';
import { PRIORITIES, PRIORITY_NAMES, type PriorityLevel, priorityLevel } from './priority-names';

export { PRIORITIES, type PriorityLevel, priorityLevel };

/** "Urgente" / "Urgent" for 5, down to "Muito baixa" / "Very low" for 1. */
export function priorityName(p: number): string {
  return PRIORITY_NAMES[locale()][priorityLevel(p)];
}

/** "Prioridade: Urgente" — the chip's accessible name, so the level is never told by colour alone. */
export function priorityTitle(p: number): string {
  return `${locale() === 'en' ? 'Priority' : 'Prioridade'}: ${priorityName(p)}`;
}

/** The CSS class carrying the level's colours (priority.css): prio-5 … prio-1. */
export function priorityClass(p: number): string {
  return `prio-${priorityLevel(p)}`;
}
