// HTML for e-mails: a tagged template that escapes every interpolated value, so a user's name or a tenant's
// name can never become markup in someone's inbox. Only `trusted()` values (our own fragments) pass as is.
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Markup we wrote ourselves (already escaped where it holds values). */
export class Trusted {
  constructor(readonly html: string) {}
}

type Value = string | number | Trusted | readonly Trusted[];

export function html(strings: TemplateStringsArray, ...values: Value[]): Trusted {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    if (v instanceof Trusted) out += v.html;
    else if (Array.isArray(v)) out += v.map((t: Trusted) => t.html).join('');
    else out += escapeHtml(String(v));
    out += strings[i + 1] ?? '';
  });
  return new Trusted(out);
}
