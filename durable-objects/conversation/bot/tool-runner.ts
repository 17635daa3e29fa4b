// Runs one ERP tool for the bot (a flow's tool step or the LLM's function call) through the shared runner
// (workers/erp/run-tool.ts: arguments checked, outcome named), with writes (trust unlock, ERP ticket) at most
// once per demand: `in_flight` is stored before the call and the result after, so a retried step reuses the
// result, and a call that started but never reported (the object was lost) is not made again: it counts as
// `erp_unavailable` and the flow hands off.
import { type ToolName, WRITE_TOOLS } from '../../../workers/contract';
import {
  callErpTool,
  type ErpToolRun,
  erpUnavailable,
  invalidArguments,
  parseToolCall,
} from '../../../workers/erp/run-tool';
import type { ErpTools } from '../../../workers/erp/tools';
import type { BotFacts, BotStore } from './bot-store';

export type ToolRun = Pick<ErpToolRun, 'outcome' | 'data'>;

export async function runTool(
  erp: ErpTools | null,
  store: BotStore,
  facts: BotFacts,
  tool: ToolName,
  rawArgs: unknown,
  /** Scopes a write to one demand of one ticket; null for reads. */
  demandKey: string | null,
): Promise<ToolRun> {
  const call = parseToolCall(tool, rawArgs);
  if (!call) return invalidArguments;
  const write = WRITE_TOOLS.includes(tool);
  const key = write ? (demandKey ?? `${tool}:${JSON.stringify(call.args)}`) : null;
  if (key) {
    const known = store.demand(key);
    if (known?.state === 'done') return { outcome: known.outcome as ToolRun['outcome'], data: known.data };
    if (known?.state === 'in_flight') return erpUnavailable;
  }
  if (!erp) return erpUnavailable;
  if (key) store.setDemand(key, { state: 'in_flight' });
  const { learnt, ...run } = await callErpTool(erp, call, facts.customer);
  if (learnt?.customer) facts.customer = learnt.customer;
  if (learnt?.invoices) facts.invoices = learnt.invoices;
  if (learnt?.erpProtocol) facts.erpProtocol = learnt.erpProtocol;
  // An unavailable ERP may or may not have done the write: the demand stays in flight, never called again.
  if (key && run.outcome !== 'erp_unavailable') store.setDemand(key, { state: 'done', ...run });
  facts.outcomes.push({ tool, outcome: run.outcome });
  return run;
}
