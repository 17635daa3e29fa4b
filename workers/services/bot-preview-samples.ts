// What a tool "found" in the preview when no ERP answered it: a fictional customer, invoice, unlock, status,
// maintenance or ticket, shaped like the ERP contract's values, so the flow's next steps (placeholders,
// invoice parts) have something to show. Write tools are always answered from here in a preview.
import type { ToolName } from '../contract';
import type {
  ConnectionStatus,
  ErpCustomer,
  ErpInvoice,
  ErpTicket,
  Maintenance,
  TrustUnlock,
} from '../erp/tools';

const day = (now: Date, plus: number) =>
  new Date(now.getTime() + plus * 86_400_000).toISOString().slice(0, 10);

/** A failure as adapters report it (ErpFailure), worded as an example. */
const FAILURES: Record<string, string> = {
  not_found: 'Não encontrado (exemplo da prévia)',
  not_allowed: 'O ERP recusou o pedido (exemplo da prévia)',
  already_done: 'Já foi feito antes (exemplo da prévia)',
  erp_unavailable: 'ERP indisponível (exemplo da prévia)',
};

/** What a call of `tool` ending in `outcome` returns: the ERP contract's value, or its failure {code, message}. */
export function sampleToolData(tool: ToolName, outcome: string, now: Date): unknown {
  const failure = FAILURES[outcome];
  if (failure !== undefined) return { code: outcome, message: failure };
  switch (tool) {
    case 'find_customer':
      return outcome === 'ok' ? customer() : null;
    case 'list_open_invoices':
      return outcome === 'ok' ? [invoice(now)] : null;
    case 'trust_unlock':
      return outcome === 'ok' ? unlock(now) : null;
    case 'connection_status':
      return outcome === 'online' || outcome === 'offline' || outcome === 'suspended'
        ? status(outcome)
        : null;
    case 'planned_maintenance':
      return outcome === 'active' ? [maintenance(now)] : outcome === 'none' ? [] : null;
    case 'open_ticket':
      return outcome === 'ok' ? ticket() : null;
  }
}

function customer(): ErpCustomer {
  return {
    id: 'preview-1',
    name: 'Cliente de Teste',
    maskedDocument: '***.456.789-**',
    contracts: [
      {
        id: '1001',
        plan: 'Fibra 300 Mega',
        status: 'active',
        city: 'Cidade Exemplo',
        neighbourhood: 'Centro',
        pop: null,
      },
    ],
  };
}

function invoice(now: Date): ErpInvoice {
  return {
    id: 'preview-invoice-1',
    contractId: '1001',
    dueDate: day(now, 5),
    amount: 99.9,
    digitableLine: '00190.00009 01234.567890 12345.678901 1 00000000009990',
    pixCode: '00020126580014br.gov.bcb.pix0136exemplo-previa-fio5204000053039865406099.905802BR6304ABCD',
    pdfUrl: null,
  };
}

function unlock(now: Date): TrustUnlock {
  return { days: 3, until: day(now, 3), protocol: 'PREVIA-0001', message: null };
}

function status(state: ConnectionStatus['state']): ConnectionStatus {
  return {
    state,
    login: 'cliente.teste',
    lastSessionStart: null,
    lastSessionStop: null,
    disconnectReason: state === 'offline' ? 'Lost-Carrier' : null,
  };
}

function maintenance(now: Date): Maintenance {
  return {
    description: 'Manutenção programada na região (exemplo da prévia)',
    startsAt: now.toISOString(),
    endsAt: new Date(now.getTime() + 4 * 3_600_000).toISOString(),
  };
}

function ticket(): ErpTicket {
  return { id: 'preview-ticket-1', protocol: 'PREVIA-0002' };
}
