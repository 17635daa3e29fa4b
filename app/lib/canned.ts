// Canned responses in the composer: `/` followed by a shortcut filters them, and a chosen one is filled with
// the conversation's values ({{contact.name}}, {{contact.phone}}, {{agent.name}}, {{protocol}}).
import type { CannedResponse, InboxSummary } from '../../workers/contract';
import { formatPhone } from '../../workers/contract/phone-format';

export type CannedValues = Record<
  'contact.name' | 'contact.phone' | 'agent.name' | 'protocol',
  string | null
>;

/** The shortcut being typed when the draft is `/` plus a word (nothing else), else null. */
export function cannedQuery(draft: string): string | null {
  const m = /^\/([^\s/]*)$/.exec(draft);
  return m ? (m[1] as string).toLowerCase() : null;
}

/** Shortcuts starting with the query first, then ones whose shortcut or title contains it. */
export function filterCanned(all: readonly CannedResponse[], query: string): CannedResponse[] {
  const q = query.toLowerCase();
  const starts = all.filter((c) => c.shortcut.startsWith(q));
  const contains = all.filter(
    (c) => !c.shortcut.startsWith(q) && (c.shortcut.includes(q) || c.title.toLowerCase().includes(q)),
  );
  return [...starts, ...contains].slice(0, 20);
}

/** Known variables are replaced (missing values become empty); unknown `{{…}}` stay as typed. */
export function fillCanned(body: string, values: CannedValues): string {
  return body.replace(/\{\{\s*([a-z.]+)\s*\}\}/g, (whole, name: string) =>
    name in values ? (values[name as keyof CannedValues] ?? '') : whole,
  );
}

/** The conversation's values; the phone as people write it (+55 (11) 98765-4321), the one phone format. */
export function cannedValues(s: Pick<InboxSummary, 'contact' | 'protocol'>, agentName: string): CannedValues {
  return {
    'contact.name': s.contact.name,
    'contact.phone': s.contact.phone === null ? null : formatPhone(s.contact.phone),
    'agent.name': agentName,
    protocol: s.protocol,
  };
}
