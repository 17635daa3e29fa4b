// What never reaches the model and never leaves it unmasked: CPF/CNPJ are masked in everything sent to the
// model, in every answer and in every log line; ERP secrets (PPPoE and portal passwords, tokens) are dropped
// from tool results before they are serialised for the model. Pure functions, no state.

/** CPF as written (000.000.000-00, with or without punctuation) or CNPJ (00.000.000/0000-00 or 14 digits). */
const CNPJ = /(?<!\d)(\d{2})\.?(\d{3})\.?(\d{3})\/?(\d{4})-?(\d{2})(?!\d)/g;
const CPF = /(?<!\d)(\d{3})\.?(\d{3})\.?(\d{3})-?(\d{2})(?!\d)/g;

/**
 * Masks every CPF and CNPJ in `text`, formatted or bare: ***.456.789-** and **.345.678/0001-**. Bare 11- and
 * 14-digit runs are masked even when their check digits are wrong (a mistyped CPF is still someone's
 * number); the first and last groups go, the middle stays so an agent can tell two customers apart.
 * CNPJ first: its 14 digits would otherwise contain an 11-digit match.
 */
export function maskDocuments(text: string): string {
  return text
    .replace(CNPJ, (_m, _a: string, b: string, c: string, d: string) => `**.${b}.${c}/${d}-**`)
    .replace(CPF, (_m, _a: string, b: string, c: string) => `***.${b}.${c}-**`);
}

/** Keys whose values are secrets in any ERP's vocabulary (IXC `senha`, SGP `pppoe_password`, tokens …). */
const SECRET_KEY = /senha|password|passwd|secret|token|pppoe/i;

/** A copy of `value` without any property whose name looks like a secret, at any depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (!SECRET_KEY.test(key)) out[key] = withoutSecrets(inner);
    }
    return out;
  }
  return value;
}

/** At most this much of one tool result goes to the model (a list of 40 invoices is far below it). */
const TOOL_RESULT_MAX_CHARS = 8000;

/** A tool result as the model sees it: secrets dropped, documents masked, bounded. */
export function toolResultForModel(result: { ok: boolean; result: unknown }): string {
  const json = JSON.stringify({ ok: result.ok, result: withoutSecrets(result.result) ?? null });
  return maskDocuments(json).slice(0, TOOL_RESULT_MAX_CHARS);
}

/** True when an answer carries something personal (a masked or bare document, an e-mail, a long number). */
export function mentionsPersonalData(text: string): boolean {
  return /\*\*\*?\.\d{3}\.\d{3}|@[\w-]+\.[\w.]+|\d{5,}|R\$\s?\d/.test(text);
}
