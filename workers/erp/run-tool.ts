// Runs one ERP tool by name and names its outcome: the arguments checked with the tool's zod shape, the right
// ErpTools method called, its result mapped to the outcome names a flow branches on (TOOL_OUTCOMES:
// connection_status's state → online/offline/suspended, planned_maintenance [] → none, an empty invoice list
// → not_found, a failure → its code). The one place for this: the bot runtime wraps it in its at-most-once
// demand rule (durable-objects/conversation/bot/tool-runner.ts), the flow preview in its "write tools are
// simulated, never sent" rule (workers/services/bot-preview-erp.ts).
import { TOOL_OUTCOMES, ToolArgs, type ToolName, type ToolOutcome } from '../contract';
import type { ErpContract, ErpCustomer, ErpInvoice, ErpResult, ErpTools } from './tools';

export interface ErpToolRun {
  outcome: ToolOutcome;
  /** The contract's values (no secrets: adapters drop passwords), for the engine and the model. */
  data: unknown;
  /** What the call taught about the customer, for a caller that keeps it (the runtime's facts). */
  learnt?: { customer?: ErpCustomer; invoices?: ErpInvoice[]; erpProtocol?: string };
}

/** A tool call with its arguments checked, plus what the engine passes beside them (adapters need them). */
export interface ErpToolCall {
  tool: ToolName;
  /** The arguments the tool's shape allows (the ones the model may set). */
  args: Record<string, unknown>;
  /** The customer the engine identified, when it passed one. */
  customerId: string | null;
  /** The contract the engine chose (planned_maintenance matches by its area). */
  contract: ErpContract | null;
}

export const erpUnavailable: ErpToolRun = { outcome: 'erp_unavailable', data: null };
/** Arguments that do not fit the tool's shape: nothing is called. */
export const invalidArguments: ErpToolRun = { outcome: 'not_found', data: { error: 'invalid arguments' } };

/** The call when its arguments fit the tool's shape, else null. */
export function parseToolCall(tool: ToolName, raw: unknown): ErpToolCall | null {
  const args = ToolArgs[tool].safeParse(raw);
  if (!args.success) return null;
  const extra = (raw ?? {}) as { customerId?: unknown; contract?: unknown };
  const parsed = args.data as Record<string, unknown>;
  return {
    tool,
    args: parsed,
    customerId: typeof extra.customerId === 'string' ? extra.customerId : null,
    contract: contractArg(extra.contract, String(parsed.contractId ?? '')),
  };
}

/**
 * Calls the tool; never throws. An adapter that throws, or names an outcome the tool's branches do not know
 * (an adapter's surprise), counts as the ERP failing. `known` is the customer the caller already identified.
 */
export async function callErpTool(
  erp: ErpTools,
  call: ErpToolCall,
  known: ErpCustomer | null = null,
): Promise<ErpToolRun> {
  let run: ErpToolRun;
  try {
    run = await dispatch(erp, call, known);
  } catch {
    return erpUnavailable;
  }
  return (TOOL_OUTCOMES[call.tool] as readonly string[]).includes(run.outcome) ? run : erpUnavailable;
}

async function dispatch(erp: ErpTools, call: ErpToolCall, known: ErpCustomer | null): Promise<ErpToolRun> {
  const a = call.args;
  const contractId = String(a.contractId ?? '');
  const customerId = call.customerId ?? known?.id ?? '';
  switch (call.tool) {
    case 'find_customer': {
      const r = await erp.findCustomer({
        ...(typeof a.document === 'string' ? { document: a.document } : {}),
        ...(typeof a.phone === 'string' ? { phone: a.phone } : {}),
      });
      return mapped(r, () => 'ok', r.ok ? { customer: r.value } : undefined);
    }
    case 'list_open_invoices': {
      const r = await erp.listOpenInvoices(contractId, customerId);
      if (r.ok && r.value.length === 0) return { outcome: 'not_found', data: [], learnt: { invoices: [] } };
      return mapped(r, () => 'ok', r.ok ? { invoices: r.value } : undefined);
    }
    case 'trust_unlock':
      return mapped(await erp.trustUnlock(contractId), () => 'ok');
    case 'connection_status':
      return mapped(await erp.connectionStatus(contractId), (v) => v.state);
    case 'planned_maintenance': {
      const contract = known?.contracts.find((c) => c.id === contractId) ?? call.contract;
      if (!contract) return { outcome: 'none', data: [] };
      return mapped(await erp.plannedMaintenance(contract), (v) => (v.length > 0 ? 'active' : 'none'));
    }
    case 'open_ticket': {
      const kind = a.kind === 'financial' || a.kind === 'commercial' ? a.kind : 'technical';
      const r = await erp.openTicket(contractId, customerId, String(a.text ?? ''), kind);
      return mapped(r, () => 'ok', r.ok ? { erpProtocol: r.value.protocol } : undefined);
    }
  }
}

function mapped<T>(r: ErpResult<T>, outcome: (v: T) => string, learnt?: ErpToolRun['learnt']): ErpToolRun {
  // Checked against the tool's outcomes by callErpTool; the cast only names the type.
  if (r.ok) return { outcome: outcome(r.value) as ToolOutcome, data: r.value, ...(learnt ? { learnt } : {}) };
  // The ERP's own words travel on (the flow words a refusal for the customer); codes map one to one.
  return { outcome: r.error.code, data: { code: r.error.code, message: r.error.message } };
}

/** The engine's chosen contract, when the caller did not look the customer up itself. */
function contractArg(raw: unknown, contractId: string): ErpContract | null {
  if (!raw || typeof raw !== 'object') return null;
  const c = raw as Partial<ErpContract>;
  if (String(c.id) !== contractId) return null;
  return {
    id: contractId,
    plan: typeof c.plan === 'string' ? c.plan : '',
    status: c.status ?? 'active',
    city: c.city ?? null,
    neighbourhood: c.neighbourhood ?? null,
    pop: c.pop ?? null,
  };
}
