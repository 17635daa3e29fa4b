// What never reaches the model and never leaves it unmasked: CPF/CNPJ are masked in everything sent to the
// model, in every answer and in every log line; ERP secrets (PPPoE and portal passwords, tokens) are dropped
// from tool results before they are serialised for the model. Pure functions, no state.

/**
 * One pass over the text, left to right. Kept as they are: a boleto's formatted digitable line (its last
 * group is 14 digits, like a bare CNPJ) and a PIX copy-and-paste code (EMV "000201…", whose fields run
 * digits together): both are the ISP's payment data, and masking them would break them. Masked: CNPJ
 * (00.000.000/0000-00 or 14 digits) and CPF (000.000.000-00 or 11 digits), formatted or bare.
 */
const DOCUMENTS = new RegExp(
  [
    String.raw`(?<boleto>\d{5}\.\d{5} \d{5}\.\d{6} \d{5}\.\d{6} \d \d{14})`,
    String.raw`(?<pix>(?<![\w.])000201[\x21-\x7e]{20,})`,
    String.raw`(?<!\d)(?<cnpj>\d{2}\.?(?<cnpjMid>\d{3}\.?\d{3})\/?(?<branch>\d{4})-?\d{2})(?!\d)`,
    String.raw`(?<!\d)(?<cpf>\d{3}\.?(?<cpfMid>\d{3}\.?\d{3})-?\d{2})(?!\d)`,
  ].join('|'),
  'g',
);

/** Groups of a middle part written with or without its dot: "456.789" or "456789" → "456.789". */
const dotted = (mid: string) => mid.replace(/^(\d{3})\.?(\d{3})$/, '$1.$2');

/**
 * Masks every CPF and CNPJ in `text`, formatted or bare: ***.456.789-** and **.345.678/0001-**. Bare 11- and
 * 14-digit runs are masked even when their check digits are wrong (a mistyped CPF is still someone's
 * number); the first and last digits go, the middle stays so an agent can tell two customers apart.
 */
export function maskDocuments(text: string): string {
  return text.replace(DOCUMENTS, (match: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as Record<string, string | undefined>;
    if (groups.cnpj !== undefined) return `**.${dotted(groups.cnpjMid ?? '')}/${groups.branch}-**`;
    if (groups.cpf !== undefined) return `***.${dotted(groups.cpfMid ?? '')}-**`;
    return match; // boleto line or PIX code
  });
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

/**
 * True when an answer is (or ends in) a JSON object or array: the model dumping a tool result instead of
 * wording it ("Resultado: {"outcome":…}"). Such a text never reaches the customer: it counts as low
 * confidence and a person takes over (reply.ts).
 */
export function isDataDump(text: string): boolean {
  const start = text.search(/[[{]/);
  if (start < 0) return false;
  const tail = text.slice(start).trim();
  if (!/[\]}]$/.test(tail)) return false;
  try {
    const parsed: unknown = JSON.parse(tail);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}
