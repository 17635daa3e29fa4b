// The IXC Provedor adapter behind the one tool contract (workers/erp/tools.ts).
import type { ErpConnectionConfig, ErpTools } from '../tools';
import { ixcClient } from './client';
import { findCustomer } from './customers';
import { invoicePdf, listOpenInvoices } from './invoices';
import { connectionStatus, openTicket, plannedMaintenance, testConnection, trustUnlock } from './service';

export function createIxcTools(config: ErpConnectionConfig): ErpTools {
  const client = ixcClient(config);
  return {
    kind: 'ixc',
    findCustomer: (query) => findCustomer(client, query),
    listOpenInvoices: (contractId) => listOpenInvoices(client, contractId),
    invoicePdf: (invoice) => invoicePdf(client, invoice),
    trustUnlock: (contractId) => trustUnlock(client, contractId),
    connectionStatus: (contractId) => connectionStatus(client, contractId),
    plannedMaintenance: (contract) => plannedMaintenance(client, contract),
    openTicket: (contractId, customerId, text, kind) =>
      openTicket(client, contractId, customerId, text, kind),
    testConnection: () => testConnection(client),
  };
}
