// What the bench's customers say to the seeded demo flow (workers/bot/demo-flow.ts), in one place so a change
// in the flow's order is one edit here. A new bench customer's phone is unknown to the ERP, so the flow
// greets (with the protocol), looks the phone up, asks for the CPF; the CPF below is a seeded ERP customer
// (Ana Souza: one active contract, one open invoice), after which the main menu shows:
//   1 2ª via · 2 desbloqueio · 3 sem conexão · 4 falar com atendente · 5 outras dúvidas (the AI).
import type { Customer } from './webhook';

/** Ana Souza in the ERP simulator's seed (scripts/erp-simulator/seed.ts). */
export const ERP_CUSTOMER_CPF = '52998224725';

const LLM_OPENERS = [
  'Qual é o horário de atendimento de vocês?',
  'Até que horas vocês atendem no sábado?',
  'Em que horário posso falar com uma pessoa?',
];

/** "Oi" → greeting + CPF asked; the CPF → identified + main menu. */
const toMainMenu = ['Oi', ERP_CUSTOMER_CPF];

export const script = {
  /** The floor: the customer's first message (no bot on that number), then the one an agent answers. */
  floor: { setup: (_: Customer) => ['Olá, boa tarde'], measured: () => 'Minha internet caiu' },
  /** A menu step: main menu → 4 "falar com atendente" → the sector menu (no ERP, no model). */
  menu: { setup: (_: Customer) => toMainMenu, measured: () => '4' },
  /** An ERP step: main menu → 1 "2ª via" → list_open_invoices → the invoice's text, line, PIX code, PDF. */
  erp: { setup: (_: Customer) => toMainMenu, measured: () => '1' },
  /**
   * An LLM step: main menu → 5 "outras dúvidas", then a question the knowledge base answers. Each customer
   * words it a little differently: the same question again would be served by the knowledge-base answer
   * cache without a model call, and this step is meant to cost one.
   */
  llm: {
    setup: (_: Customer) => [...toMainMenu, '5'],
    measured: (_: Customer, i: number) => `${LLM_OPENERS[i % LLM_OPENERS.length]} (pergunta ${i + 1})`,
  },
  /** The crowd: greeting, CPF, "falar com atendente", "financeiro" (the hand-off ends the bot's part). */
  crowd: [...toMainMenu, '4', '1'],
};
