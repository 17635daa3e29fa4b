// The ERP adapters' factory (stand-in until the IXC and SGP adapters land; same name): every call unavailable.
import type { ErpConnectionConfig, ErpTools } from './tools';

export function createErpTools(config: ErpConnectionConfig): ErpTools {
  const down = async () => ({
    ok: false as const,
    error: { code: 'erp_unavailable' as const, message: 'no adapter' },
  });
  return {
    kind: config.kind,
    findCustomer: down,
    listOpenInvoices: down,
    invoicePdf: down,
    trustUnlock: down,
    connectionStatus: down,
    plannedMaintenance: down,
    openTicket: down,
    testConnection: down,
  };
}
