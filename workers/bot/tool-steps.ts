// A flow's tool step: the call's arguments built from what the bot knows (the saved document or the
// channel's phone, the chosen contract), a demand key for writes, and the result turned into vars, data and
// agents' system lines before the flow branches on the outcome.
import { TOOL_OUTCOMES, type ToolName, WRITE_TOOLS } from '../contract';
import { safeMaskedDocument } from './documents';
import { dayMonthAfter, formatDate, formatDateTime } from './format';
import type { Turn } from './session';
import {
  type ContractData,
  CustomerData,
  FailureData,
  InvoiceList,
  MaintenanceList,
  TicketData,
  UnlockData,
} from './tool-data';

type ToolStep = { id: string; tool: ToolName; ticketText?: string; ticketKind?: string };

export type ToolCall =
  | { kind: 'call'; tool: ToolName; args: Record<string, unknown>; demand: string | null }
  /** Not enough to call with (no document nor phone, no contract chosen): the flow branches on this. */
  | { kind: 'skip'; outcome: string; problem: string };

function customer(turn: Turn): CustomerData | null {
  const c = CustomerData.safeParse(turn.data.customer);
  return c.success ? c.data : null;
}

/** The identified customer's contract the bot works on. */
export function chooseContract(turn: Turn, contract: ContractData): void {
  turn.data.contract = contract;
  turn.state.vars['contract.id'] = contract.id;
  turn.state.vars['contract.plan'] = contract.plan;
}

const PHONE = /^\+\d{10,15}$/;

export function buildCall(turn: Turn, step: ToolStep): ToolCall {
  const { vars } = turn.state;
  if (step.tool === 'find_customer') {
    const docVar = turn.data.documentVars?.at(-1);
    const document = docVar ? vars[docVar] : undefined;
    if (document) return { kind: 'call', tool: step.tool, args: { document }, demand: null };
    const phone = turn.ctx.phone;
    if (phone && PHONE.test(phone)) return { kind: 'call', tool: step.tool, args: { phone }, demand: null };
    return {
      kind: 'skip',
      outcome: 'not_found',
      problem: `step '${step.id}': no document nor phone to search by`,
    };
  }
  const contractId = vars['contract.id'];
  if (!contractId) {
    const outcomes: readonly string[] = TOOL_OUTCOMES[step.tool];
    return {
      kind: 'skip',
      outcome: outcomes.includes('not_found') ? 'not_found' : 'none',
      problem: `step '${step.id}': no contract chosen before ${step.tool}`,
    };
  }
  const args: Record<string, unknown> = { contractId };
  // Adapters need the customer too (IXC lists invoices and opens tickets by customer).
  const c = customer(turn);
  if (c) args.customerId = c.id;
  if (step.tool === 'planned_maintenance' && turn.data.contract) args.contract = turn.data.contract;
  if (step.tool === 'open_ticket') {
    args.text = turn.render(step.ticketText ?? '');
    args.kind = step.ticketKind ?? 'technical';
  }
  const demand = WRITE_TOOLS.includes(step.tool) ? `${step.tool}:${contractId}:${step.id}` : null;
  return { kind: 'call', tool: step.tool, args, demand };
}

/** Stores what the result tells (vars, data) and the agents' line, before the flow follows `on[outcome]`. */
export function applyResult(turn: Turn, tool: ToolName, outcome: string, data: unknown): void {
  const { vars } = turn.state;
  if (outcome === 'erp_unavailable') {
    turn.activity('erp_unavailable', { tool });
    return;
  }
  switch (tool) {
    case 'find_customer': {
      const c = CustomerData.safeParse(data);
      if (outcome !== 'ok' || !c.success) {
        turn.activity('customer_not_found');
        return;
      }
      turn.data.customer = c.data;
      const name = c.data.name.trim();
      vars['customer.name'] = name;
      vars['customer.first_name'] = firstName(name);
      const docVar = turn.data.documentVars?.at(-1);
      const masked = c.data.maskedDocument
        ? safeMaskedDocument(c.data.maskedDocument)
        : docVar
          ? (turn.show(docVar) ?? '')
          : '';
      vars['customer.document'] = masked;
      const [only, ...more] = c.data.contracts;
      if (only && more.length === 0) chooseContract(turn, only);
      turn.activity('customer_identified', { name, document: masked });
      return;
    }
    case 'list_open_invoices': {
      const list = outcome === 'ok' ? InvoiceList.safeParse(data) : null;
      const invoices = list?.success ? [...list.data].sort((a, b) => a.dueDate.localeCompare(b.dueDate)) : [];
      turn.data.invoices = invoices;
      vars['invoices.count'] = String(invoices.length);
      return;
    }
    case 'trust_unlock': {
      if (outcome === 'ok') {
        const u = UnlockData.safeParse(data);
        const unlock = u.success ? u.data : { days: null, until: null, protocol: null, message: null };
        const until = unlock.until
          ? formatDate(unlock.until, true)
          : unlock.days
            ? dayMonthAfter(turn.ctx.now, unlock.days)
            : '';
        vars['unlock.until'] = until;
        vars['unlock.days'] = unlock.days ? String(unlock.days) : '';
        if (unlock.protocol) vars['erp.protocol'] = unlock.protocol;
        turn.activity('unlock_granted', { until: until || null, days: unlock.days });
      } else {
        const f = FailureData.safeParse(data);
        const reason = f.success ? f.data.message : '';
        vars['unlock.reason'] = reason;
        turn.activity('unlock_refused', { reason: reason || outcome });
      }
      return;
    }
    case 'connection_status':
      if (outcome === 'online') turn.activity('connection_online');
      else if (outcome === 'offline') turn.activity('connection_offline');
      else if (outcome === 'suspended') turn.activity('connection_offline', { state: 'suspended' });
      return;
    case 'planned_maintenance': {
      if (outcome !== 'active') return;
      const m = MaintenanceList.safeParse(data);
      const first = m.success ? m.data[0] : undefined;
      // "em breve" rather than an empty slot in the flow's sentence when the ERP gives no end.
      const until = first?.endsAt
        ? formatDateTime(first.endsAt, turn.ctx.locale)
        : turn.en()
          ? 'soon'
          : 'em breve';
      vars['maintenance.description'] = first?.description ?? '';
      vars['maintenance.until'] = until;
      turn.activity('maintenance_active', { until: first?.endsAt ? until : null });
      return;
    }
    case 'open_ticket': {
      const t = outcome === 'ok' ? TicketData.safeParse(data) : null;
      if (t?.success) {
        vars['erp.protocol'] = t.data.protocol;
        turn.activity('erp_ticket_opened', { protocol: t.data.protocol });
      }
      return;
    }
  }
}

/** "MARIA DA SILVA" → "Maria" (ERPs often keep names in capitals). */
function firstName(name: string): string {
  const w = name.split(/\s+/)[0] ?? '';
  return w === w.toUpperCase() ? w.charAt(0) + w.slice(1).toLowerCase() : w;
}
