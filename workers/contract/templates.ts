// A WhatsApp template body with its {{1}}…{{n}} placeholders filled in: what the customer will read. The
// same rule checks the parameters on the server before anything is stored or sent and in the agent's
// template form, so both refuse the same values (Graph would refuse a mismatch only after the fact).

export type RenderedTemplate = { ok: true; text: string } | { ok: false; reason: string };

export const TEMPLATE_PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** Graph rejects (132018) parameter text with new lines, tabs or more than four consecutive spaces. */
const FORBIDDEN_IN_PARAMETER = /[\n\r\t]| {5,}/;

/** What is wrong with one parameter value, or null: `empty`, or `forbidden` characters Graph refuses. */
export type TemplateParameterProblem = 'empty' | 'forbidden';
export function templateParameterProblem(value: string): TemplateParameterProblem | null {
  if (!value.trim()) return 'empty';
  return FORBIDDEN_IN_PARAMETER.test(value) ? 'forbidden' : null;
}

/** How many parameters the body takes (its highest placeholder; a gap still counts), or null for {{0}}. */
export function templateParameterCount(body: string): number | null {
  const indexes = [...body.matchAll(TEMPLATE_PLACEHOLDER)].map((m) => Number(m[1]));
  if (indexes.includes(0)) return null;
  return Math.max(0, ...indexes);
}

export function renderTemplate(body: string, parameters: string[]): RenderedTemplate {
  const highest = templateParameterCount(body);
  if (highest === null) return { ok: false, reason: 'placeholders are numbered from {{1}}; found {{0}}' };
  if (parameters.length !== highest) {
    const expected = highest === 0 ? 'no parameters' : `${highest} parameter${highest === 1 ? '' : 's'}`;
    return { ok: false, reason: `the template takes ${expected}, got ${parameters.length}` };
  }
  for (const [i, value] of parameters.entries()) {
    const problem = templateParameterProblem(value);
    if (problem === 'empty') return { ok: false, reason: `parameter ${i + 1} is empty` };
    if (problem === 'forbidden') {
      return {
        ok: false,
        reason: `parameter ${i + 1} has a line break, a tab or more than 4 spaces in a row, which WhatsApp refuses`,
      };
    }
  }
  // One pass with a replacer: a parameter that itself contains "{{2}}" is not expanded again.
  return { ok: true, text: fillTemplate(body, parameters) };
}

/** The body with each placeholder replaced by its parameter; one still missing stays as {{n}} (a preview). */
export function fillTemplate(body: string, parameters: readonly string[]): string {
  return body.replace(TEMPLATE_PLACEHOLDER, (match, n: string) => {
    const value = parameters[Number(n) - 1];
    return value?.trim() ? value : match;
  });
}
