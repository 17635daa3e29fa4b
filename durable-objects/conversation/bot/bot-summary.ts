// The hand-off summary an agent reads first (tickets.ai_summary) when the LLM is off or cannot answer: built
// from what the bot knows, never from the customer's raw words: what was asked (the flow's tags and the step
// it was at), who the customer is (name, masked document), what the ERP said, the ERP's protocol, and why.
import type { BotRecord } from './bot-store';

const SUMMARY_MAX = 2000;

export function plainSummary(record: BotRecord, reason: string): string {
  const f = record.facts;
  const lines: string[] = [];
  lines.push(`Motivo da transferência: ${reason}`);
  if (f.tags.length > 0) lines.push(`Assunto: ${f.tags.join(', ')}`);
  if (record.state?.stepId) lines.push(`Etapa do fluxo: ${record.state.stepId}`);
  lines.push(
    f.customer
      ? `Cliente identificado: ${f.customer.name} (${f.customer.maskedDocument})`
      : 'Cliente não identificado',
  );
  if (f.outcomes.length > 0)
    lines.push(`ERP: ${f.outcomes.map((o) => `${o.tool} → ${o.outcome}`).join('; ')}`);
  if (f.erpProtocol) lines.push(`Protocolo no ERP: ${f.erpProtocol}`);
  return lines.join('\n').slice(0, SUMMARY_MAX);
}
