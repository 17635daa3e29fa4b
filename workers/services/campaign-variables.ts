// Per-recipient template values: each {{n}} of a campaign's template has a source (a fixed text, the
// contact's name, a CSV column or a contact attribute) resolved here for one person. A value that is missing
// or that WhatsApp would refuse (line breaks, tabs, long runs of spaces) names the variable, so an import can
// report the line and a start can skip the person as invalid instead of failing a send later.
import type { CampaignTemplate, ContactAttributes, VariableSource } from '../contract';
import { templateParameterProblem } from '../contract';

export interface RecipientFacts {
  name: string | null;
  attributes: ContactAttributes | Record<string, unknown>;
  /** The CSV row by lower-cased header, when the person came from an import. */
  csv: Record<string, string> | null;
}

export type Resolved =
  | { ok: true; values: string[] }
  | { ok: false; variable: number; source: VariableSource };

function attribute(attributes: RecipientFacts['attributes'], key: string): string | null {
  const attrs = attributes as Record<string, unknown>;
  const custom = (attrs.custom ?? {}) as Record<string, unknown>;
  const value = key.startsWith('custom.') ? custom[key.slice(7)] : (attrs[key] ?? custom[key]);
  return typeof value === 'string' ? value : null;
}

function sourceValue(source: VariableSource, facts: RecipientFacts): string | null {
  switch (source.from) {
    case 'text':
      return source.value;
    case 'name':
      return facts.name?.trim() ? facts.name : (source.fallback ?? null);
    case 'csv':
      return facts.csv?.[source.column.toLowerCase()] ?? null;
    case 'attribute':
      return attribute(facts.attributes, source.key);
  }
}

/** The template's values for this person, or the first variable that has none (or one WhatsApp refuses). */
export function resolveVariables(template: CampaignTemplate, facts: RecipientFacts): Resolved {
  const values: string[] = [];
  for (const [i, source] of template.variables.entries()) {
    const value = sourceValue(source, facts)?.trim() ?? '';
    if (templateParameterProblem(value) !== null) return { ok: false, variable: i + 1, source };
    values.push(value);
  }
  return { ok: true, values };
}

/** Arm 'a' or 'b' for a phone, the same on every call (FNV-1a over campaign and phone, mod 100). */
export function armFor(
  campaignId: string,
  phone: string,
  templates: number,
  splitPercent: number,
): 'a' | 'b' {
  if (templates < 2) return 'a';
  let h = 0x811c9dc5;
  for (const ch of `${campaignId}:${phone}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100 < splitPercent ? 'a' : 'b';
}
