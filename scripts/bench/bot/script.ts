// What the bench's customers say to the seeded demo flow (workers/bot/demo-flow.ts): the lines that bring a
// new customer to each measured step, and the crowd's short conversation. Kept here, in one place, so a
// change in the demo flow's wording or order is one edit.
import type { Customer } from './webhook';

/** A seeded ERP customer (active, with open invoices) the bench identifies as by CPF. */
export const ERP_CUSTOMER_CPF = '52998224725';

export const script = {
  /** The floor: the customer's first message (no bot on that number), then the one an agent answers. */
  floor: { setup: (_: Customer) => ['Olá, boa tarde'], measured: 'Minha internet caiu' },
  /** A menu step: the main menu is showing; the customer picks an option handled without ERP or model. */
  menu: { setup: (_: Customer) => ['Oi'], measured: '4' },
  /** An ERP step: identified by CPF, the customer asks for the 2ª via (open invoices from the ERP). */
  erp: { setup: (_: Customer) => ['Oi', '1', ERP_CUSTOMER_CPF], measured: '1' },
  /** An LLM step: a free question the flow hands to the model. */
  llm: { setup: (_: Customer) => ['Oi'], measured: 'Qual o horário de atendimento de vocês?' },
  /** The crowd: greeting, a menu choice, then back. */
  crowd: ['Oi', '4', '1'],
};
