// The preview's READ tools against the tenant's configured ERP (find the customer, open invoices, connection
// status, planned maintenance), mapped to the outcomes a flow branches on, like the bot runtime does. Write
// tools never come here: the preview simulates them (bot-preview.ts). Without an ERP, the admin picks.
// Merge note: the mapping repeats the runtime's tool runner (durable-objects/conversation/bot/tool-runner.ts,
// which callers outside the object may not import); one shared helper in workers/erp/ would serve both.
import { type ToolName, WRITE_TOOLS } from '../contract';
import type { Env } from '../env';
import { createErpTools } from '../erp';
import type { ErpContract, ErpResult, ErpTools } from '../erp/tools';
import { askTheAdmin, type PreviewCall, type ResolveTool } from './bot-preview';
import type { Database } from './db';
import { erpConfigOf, loadErpConnection } from './erp-connection';
import { log } from './log';

/** Read tools through the tenant's ERP when one is configured, else the admin's choice. */
export async function previewTools(db: Database, env: Env, tenantId: string): Promise<ResolveTool> {
  const connection = await loadErpConnection(db, env, tenantId).catch((err: unknown) => {
    // Credentials that no longer open (a rotated key): the preview still works, the admin picks.
    log('warn', 'ERP connection does not open; the preview asks the admin', {
      tenantId,
      error: err instanceof Error ? err.name : 'unknown',
    });
    return null;
  });
  if (!connection) return askTheAdmin;
  const erp = createErpTools(erpConfigOf(env, connection));
  return (call) => readTool(erp, call);
}

type Run = { outcome: string; data: unknown };

function mapped<T>(r: ErpResult<T>, outcome: (v: T) => string): Run {
  if (r.ok) return { outcome: outcome(r.value), data: r.value };
  return { outcome: r.error.code, data: { code: r.error.code, message: r.error.message } };
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

async function readTool(erp: ErpTools, call: PreviewCall): Promise<Run | null> {
  const tool: ToolName = call.tool;
  if (WRITE_TOOLS.includes(tool)) throw new Error(`the preview never sends ${tool} to an ERP`);
  const a = call.args;
  switch (tool) {
    case 'find_customer':
      return mapped(
        await erp.findCustomer({
          ...(typeof a.document === 'string' ? { document: a.document } : {}),
          ...(typeof a.phone === 'string' ? { phone: a.phone } : {}),
        }),
        () => 'ok',
      );
    case 'list_open_invoices': {
      const r = await erp.listOpenInvoices(str(a.contractId), str(a.customerId));
      if (r.ok && r.value.length === 0) return { outcome: 'not_found', data: [] };
      return mapped(r, () => 'ok');
    }
    case 'connection_status':
      return mapped(await erp.connectionStatus(str(a.contractId)), (v) => v.state);
    case 'planned_maintenance': {
      const c = (a.contract ?? {}) as Partial<ErpContract>;
      const contract: ErpContract = {
        id: str(a.contractId),
        plan: typeof c.plan === 'string' ? c.plan : '',
        status: c.status ?? 'active',
        city: c.city ?? null,
        neighbourhood: c.neighbourhood ?? null,
        pop: c.pop ?? null,
      };
      return mapped(await erp.plannedMaintenance(contract), (v) => (v.length > 0 ? 'active' : 'none'));
    }
    default:
      return null;
  }
}
