// PLACEHOLDER (H2, local only, dropped when H1's adapters are merged): the factory's signature only.
import type { ErpConnectionConfig, ErpTools } from './tools';

export function createErpTools(config: ErpConnectionConfig): ErpTools {
  const fail = async () => ({
    ok: false as const,
    error: { code: 'erp_unavailable' as const, message: `placeholder for ${config.kind}` },
  });
  return {
    kind: config.kind,
    findCustomer: fail,
    listOpenInvoices: fail,
    invoicePdf: fail,
    trustUnlock: fail,
    connectionStatus: fail,
    plannedMaintenance: fail,
    openTicket: fail,
    testConnection: fail,
  };
}
