// The four ways an ERP call ends without a value, and the words for them. The ERP's own sentence is kept
// when it gave one (the customer hears "já atingiu quantidade permitida…" as the ISP wrote it); ours are
// pt-BR first with English after, like every other user-facing text. `detail` is for logs, never a secret.
import type { ErpErrorCode } from '../contract';
import type { ErpFailure, ErpResult } from './tools';

const DEFAULT_MESSAGE: Record<ErpErrorCode, string> = {
  not_found: 'Não encontramos esse cadastro no sistema do provedor. (Not found in the ISP system.)',
  not_allowed:
    'O sistema do provedor não permite essa operação agora. (The ISP system does not allow this now.)',
  already_done: 'Essa operação já foi feita antes. (This was already done.)',
  erp_unavailable:
    'O sistema do provedor não respondeu agora; tente de novo em instantes. (The ISP system did not answer; try again shortly.)',
};

/** An ERP message fit to show: tags and runs of blanks removed, at most 300 characters. */
export function cleanMessage(text: string | null | undefined): string | null {
  const clean = (text ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean ? clean.slice(0, 300) : null;
}

export function failure(code: ErpErrorCode, detail?: string, erpMessage?: string | null): ErpFailure {
  const message = cleanMessage(erpMessage) ?? DEFAULT_MESSAGE[code];
  return detail === undefined ? { code, message } : { code, message, detail };
}

export const fail = <T>(code: ErpErrorCode, detail?: string, erpMessage?: string | null): ErpResult<T> => ({
  ok: false,
  error: failure(code, detail, erpMessage),
});

export const ok = <T>(value: T): ErpResult<T> => ({ ok: true, value });

/** An answer that parsed as JSON but not in the shape we know: the ERP changed or misbehaves. */
export const unexpected = <T>(what: string): ErpResult<T> =>
  fail('erp_unavailable', `unexpected answer: ${what}`);
