// Message templates per WABA: the defaults every WABA starts with, the Graph listing shape, and rendering a
// template send into the text the customer would see ({{n}} replaced by body parameters).
import { createHash } from 'node:crypto';
import type { SimTemplate } from './types';

export const DEFAULT_TEMPLATES: readonly SimTemplate[] = [
  {
    name: 'boas_vindas',
    language: 'pt_BR',
    status: 'APPROVED',
    category: 'UTILITY',
    body: 'Olá {{1}}, aqui é a equipe de suporte. Como podemos ajudar?',
  },
  {
    name: 'fatura_disponivel',
    language: 'pt_BR',
    status: 'APPROVED',
    category: 'UTILITY',
    body: 'Olá {{1}}, sua fatura de {{2}} está disponível.',
  },
  {
    // The satisfaction question outside the 24 h window (after-care's CSAT): {{1}} is the protocol.
    name: 'avaliacao_atendimento',
    language: 'pt_BR',
    status: 'APPROVED',
    category: 'UTILITY',
    body: 'Como foi seu atendimento (protocolo {{1}})? Responda com uma nota de 1 (péssimo) a 5 (excelente).',
  },
];

/** Stable numeric id per WABA + name + language, so listings do not change between calls. */
function templateId(wabaId: string, t: SimTemplate): string {
  const hash = createHash('sha256').update(`${wabaId}/${t.name}/${t.language}`).digest();
  return String(hash.readBigUInt64BE(0) % 10n ** 15n);
}

export function graphTemplate(wabaId: string, t: SimTemplate): Record<string, unknown> {
  return {
    name: t.name,
    language: t.language,
    status: t.status ?? 'APPROVED',
    category: t.category ?? 'UTILITY',
    id: templateId(wabaId, t),
    components: [{ type: 'BODY', text: t.body }],
  };
}

/** How many distinct {{n}} placeholders the body expects. */
export function expectedParams(body: string): number {
  return new Set([...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => m[1])).size;
}

export function renderTemplate(body: string, parameters: string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (match, n: string) => parameters[Number(n) - 1] ?? match);
}
