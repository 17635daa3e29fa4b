// The contract a model's tool call is about, bound to the customer the bot identified: the model only ever
// sees the customer's contract ids (brain.reply's `contractIds`) and may still send another one (a guess, a
// "0", another customer's). A contract outside the customer's is replaced by their only contract, else
// refused; with no customer identified, tools about a contract are refused, so the model asks for the
// CPF/CNPJ or hands off. Refusals are `not_found` results with a message for the model, never an ERP call.
import { CustomerData } from '../../../workers/bot/tool-data';
import type { ToolName } from '../../../workers/contract';
import type { ErpToolRun } from '../../../workers/erp/run-tool';
import type { BotRecord } from './bot-store';

export type Binding = { ok: true; args: unknown } | { ok: false; run: Pick<ErpToolRun, 'outcome' | 'data'> };

/**
 * The identified customer's contract ids: what find_customer learnt (the runtime's facts, else the engine's
 * data), the contract the flow chose first.
 */
export function customerContractIds(record: BotRecord): string[] {
  const data = record.state?.data ?? {};
  const known = record.facts.customer ?? CustomerData.safeParse(data.customer).data ?? null;
  const ids = (known?.contracts ?? []).map((c) => String(c.id));
  const chosen = (data.contract as { id?: unknown } | undefined)?.id;
  const first = typeof chosen === 'string' && ids.includes(chosen) ? chosen : null;
  return first ? [first, ...ids.filter((id) => id !== first)] : ids;
}

/** The model's arguments with the contract bound to the customer's, or the refusal the model reads. */
export function bindContract(tool: ToolName, rawArgs: unknown, contractIds: readonly string[]): Binding {
  if (tool === 'find_customer') return { ok: true, args: rawArgs };
  const args = rawArgs && typeof rawArgs === 'object' ? { ...(rawArgs as Record<string, unknown>) } : {};
  if (contractIds.length === 0) {
    return refused(
      'customer_not_identified',
      'customer not identified: ask the customer for their CPF/CNPJ (find_customer) or hand off',
    );
  }
  const asked = args.contractId === undefined || args.contractId === null ? '' : String(args.contractId);
  if (contractIds.includes(asked)) return { ok: true, args };
  if (contractIds.length === 1) return { ok: true, args: { ...args, contractId: contractIds[0] } };
  return refused(
    'contract_not_found',
    `contract ${asked || '(none)'} is not one of the customer's contracts (${contractIds.join(', ')}): ask which one`,
  );
}

function refused(error: string, message: string): Binding {
  return { ok: false, run: { outcome: 'not_found', data: { error, message } } };
}
