// The SGP (TSMX) adapter behind the one tool contract (workers/erp/tools.ts).
import type { ErpConnectionConfig, ErpTools } from '../tools';
import { sgpClient } from './client';
import { findCustomer } from './customers';
import { invoicePdf, listOpenInvoices } from './invoices';
import { connectionStatus, openTicket, plannedMaintenance, testConnection, trustUnlock } from './service';

export function createSgpTools(config: ErpConnectionConfig): ErpTools {
  const client = sgpClient(config);
  return {
    kind: 'sgp',
    findCustomer: (query) => findCustomer(client, query),
    listOpenInvoices: (contractId) => listOpenInvoices(client, contractId),
    invoicePdf: (invoice) => invoicePdf(client, invoice),
    trustUnlock: (contractId) => trustUnlock(client, contractId),
    connectionStatus: (contractId) => connectionStatus(client, contractId),
    plannedMaintenance: (contract) => plannedMaintenance(client, contract),
    openTicket: (contractId, _customerId, text, kind) => openTicket(client, contractId, text, kind),
    testConnection: () => testConnection(client),
  };
}
