// Runs one ERP tool for the bot (a flow's tool step or the LLM's function call): arguments checked with the
// tool's zod shape, the adapter's result mapped to the outcome names a flow branches on (TOOL_OUTCOMES), and
// writes (trust unlock, ERP ticket) at most once per demand: `in_flight` is stored before the call and the
// result after, so a retried step reuses the result, and a call that started but never reported (the object
// was lost) is not made again: it counts as `erp_unavailable` and the flow hands off.
import { TOOL_OUTCOMES, ToolArgs, type ToolName, WRITE_TOOLS } from '../../../workers/contract';
import type { ErpContract, ErpResult, ErpTools } from '../../../workers/erp/tools';
import type { BotFacts, BotStore } from './bot-store';

export interface ToolRun {
  outcome: string;
  /** The contract's values (no secrets: adapters drop passwords), for the engine and the model. */
  data: unknown;
}

const unavailable: ToolRun = { outcome: 'erp_unavailable', data: null };

export async function runTool(
  erp: ErpTools | null,
  store: BotStore,
  facts: BotFacts,
  tool: ToolName,
  rawArgs: unknown,
  /** Scopes a write to one demand of one ticket; null for reads. */
  demandKey: string | null,
): Promise<ToolRun> {
  const args = ToolArgs[tool].safeParse(rawArgs);
  if (!args.success) return { outcome: 'not_found', data: { error: 'invalid arguments' } };
  const write = WRITE_TOOLS.includes(tool);
  const key = write ? (demandKey ?? `${tool}:${JSON.stringify(args.data)}`) : null;
  if (key) {
    const known = store.demand(key);
    if (known?.state === 'done') return { outcome: known.outcome, data: known.data };
    if (known?.state === 'in_flight') return unavailable;
  }
  if (!erp) return unavailable;
  if (key) store.setDemand(key, { state: 'in_flight' });
  let run: ToolRun;
  try {
    // The engine also passes the customer and the contract it chose (adapters need them); the tool's shape
    // checks only the arguments the model may set.
    const extra = (rawArgs ?? {}) as { customerId?: unknown; contract?: unknown };
    run = await call(erp, facts, tool, { ...(args.data as Record<string, unknown>), extra });
  } catch {
    run = unavailable;
  }
  // An outcome the tool's branches do not name (an adapter's surprise) is treated as the ERP failing.
  if (!(TOOL_OUTCOMES[tool] as readonly string[]).includes(run.outcome)) run = unavailable;
  // An unavailable ERP may or may not have done the write: the demand stays in flight, never called again.
  if (key && run.outcome !== 'erp_unavailable') store.setDemand(key, { state: 'done', ...run });
  facts.outcomes.push({ tool, outcome: run.outcome });
  return run;
}

async function call(
  erp: ErpTools,
  facts: BotFacts,
  tool: ToolName,
  args: Record<string, unknown>,
): Promise<ToolRun> {
  const extra = args.extra as { customerId?: unknown; contract?: unknown };
  const contractId = String(args.contractId ?? '');
  const customerId = typeof extra.customerId === 'string' ? extra.customerId : (facts.customer?.id ?? '');
  switch (tool) {
    case 'find_customer': {
      const r = await erp.findCustomer({
        ...(typeof args.document === 'string' ? { document: args.document } : {}),
        ...(typeof args.phone === 'string' ? { phone: args.phone } : {}),
      });
      if (r.ok) facts.customer = r.value;
      return mapped(r, () => 'ok');
    }
    case 'list_open_invoices': {
      const r = await erp.listOpenInvoices(contractId, customerId);
      if (r.ok) facts.invoices = r.value;
      if (r.ok && r.value.length === 0) return { outcome: 'not_found', data: [] };
      return mapped(r, () => 'ok');
    }
    case 'trust_unlock':
      return mapped(await erp.trustUnlock(contractId), () => 'ok');
    case 'connection_status':
      return mapped(await erp.connectionStatus(contractId), (v) => v.state);
    case 'planned_maintenance': {
      const contract = contractOf(facts, contractId) ?? contractArg(extra.contract, contractId);
      if (!contract) return { outcome: 'none', data: [] };
      return mapped(await erp.plannedMaintenance(contract), (v) => (v.length > 0 ? 'active' : 'none'));
    }
    case 'open_ticket': {
      const kind = args.kind === 'financial' || args.kind === 'commercial' ? args.kind : 'technical';
      const r = await erp.openTicket(contractId, customerId, String(args.text ?? ''), kind);
      if (r.ok) facts.erpProtocol = r.value.protocol;
      return mapped(r, () => 'ok');
    }
  }
}

function mapped<T>(r: ErpResult<T>, outcome: (v: T) => string): ToolRun {
  if (r.ok) return { outcome: outcome(r.value), data: r.value };
  // The ERP's own words travel on (the flow words a refusal for the customer); codes map one to one.
  return { outcome: r.error.code, data: { code: r.error.code, message: r.error.message } };
}

function contractOf(facts: BotFacts, contractId: string): ErpContract | null {
  return facts.customer?.contracts.find((c) => c.id === contractId) ?? null;
}

/** The engine's chosen contract, when the bot did not look the customer up itself in this ticket. */
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
