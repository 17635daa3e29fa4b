// The template picker's pure parts: which templates match a search (approved first), how many parameters
// one takes, and what is wrong with each value — the contract's rule (workers/contract/templates.ts), the
// same one the server applies before anything is stored or sent.
import { fillTemplate, templateParameterCount, templateParameterProblem } from '../../../../workers/contract';
import type { Template } from './composer-api';
import { ct } from './composer-i18n';

export const isSendable = (t: Template) => t.status === 'APPROVED';

/** Templates whose name or language contains every word of the query; approved ones first, then by name. */
export function filterTemplates(all: readonly Template[], query: string): Template[] {
  const words = query.toLowerCase().replace(/[_-]/g, ' ').split(/\s+/).filter(Boolean);
  const hay = (t: Template) =>
    `${t.name} ${t.language} ${t.category ?? ''}`.toLowerCase().replace(/[_-]/g, ' ');
  return all
    .filter((t) => words.every((w) => hay(t).includes(w)))
    .sort(
      (a, b) =>
        Number(isSendable(b)) - Number(isSendable(a)) ||
        a.name.localeCompare(b.name) ||
        a.language.localeCompare(b.language),
    );
}

/** How many fields the form shows: one per {{n}} up to the highest (0 for a body WhatsApp would refuse). */
export const parameterCount = (t: Template) => templateParameterCount(t.body ?? '') ?? 0;

/** One message per field, or null when the value is fine. */
export function parameterErrors(values: readonly string[]): (string | null)[] {
  return values.map((v, i) => {
    const problem = templateParameterProblem(v);
    if (problem === 'empty') return ct().picker.empty_(i + 1);
    if (problem === 'forbidden') return ct().picker.forbidden(i + 1);
    return null;
  });
}

/** The body as the customer would read it; a placeholder still to fill stays {{n}}. */
export const previewBody = (t: Template, values: readonly string[]) => fillTemplate(t.body ?? '', values);
