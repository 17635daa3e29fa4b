// A template body with its {{1}}…{{n}} placeholders filled in: what the customer will read, shown in the
// conversation, and a check before sending that the parameters fit (Graph refuses a mismatch only after the fact).

export type RenderedTemplate = { ok: true; text: string } | { ok: false; reason: string };

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** Graph rejects (132018) parameter text with new lines, tabs or more than four consecutive spaces. */
const FORBIDDEN_IN_PARAMETER = /[\n\r\t]| {5,}/;

export function renderTemplate(body: string, parameters: string[]): RenderedTemplate {
  const indexes = [...body.matchAll(PLACEHOLDER)].map((m) => Number(m[1]));
  if (indexes.includes(0)) return { ok: false, reason: 'placeholders are numbered from {{1}}; found {{0}}' };
  const highest = Math.max(0, ...indexes);
  if (parameters.length !== highest) {
    const expected = highest === 0 ? 'no parameters' : `${highest} parameter${highest === 1 ? '' : 's'}`;
    return { ok: false, reason: `the template takes ${expected}, got ${parameters.length}` };
  }
  for (const [i, value] of parameters.entries()) {
    if (!value.trim()) return { ok: false, reason: `parameter ${i + 1} is empty` };
    if (FORBIDDEN_IN_PARAMETER.test(value)) {
      return {
        ok: false,
        reason: `parameter ${i + 1} has a line break, a tab or more than 4 spaces in a row, which WhatsApp refuses`,
      };
    }
  }
  // One pass with a replacer: a parameter that itself contains "{{2}}" is not expanded again.
  return { ok: true, text: body.replace(PLACEHOLDER, (_, n: string) => parameters[Number(n) - 1] ?? '') };
}
