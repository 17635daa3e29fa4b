// The preview's READ tools against the tenant's configured ERP (find the customer, open invoices, connection
// status, planned maintenance), run and named by the same runner as the bot runtime (workers/erp/run-tool.ts).
// Write tools never come here: the preview simulates them (bot-preview.ts). Without an ERP, the admin picks.
import { WRITE_TOOLS } from '../contract';
import type { Env } from '../env';
import { createErpTools } from '../erp';
import { callErpTool, type ErpToolRun, invalidArguments, parseToolCall } from '../erp/run-tool';
import type { ErpTools } from '../erp/tools';
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

async function readTool(erp: ErpTools, call: PreviewCall): Promise<Pick<ErpToolRun, 'outcome' | 'data'>> {
  if (WRITE_TOOLS.includes(call.tool)) throw new Error(`the preview never sends ${call.tool} to an ERP`);
  const parsed = parseToolCall(call.tool, call.args);
  if (!parsed) return invalidArguments;
  const { outcome, data } = await callErpTool(erp, parsed);
  return { outcome, data };
}
