// The words of the ticket rules on screen (whose ticket an agent may change, the confirmation a destructive
// shortcut asks for, the list keeping the open conversation, the timeline's jump to new messages) in
// Portuguese (default) and English, same shape in both.
import { locale } from '../i18n';

type Verb = 'close' | 'tags' | 'priority' | 'transfer' | 'assign' | 'unassign' | 'change';

const ptVerbs: Record<Verb, string> = {
  close: 'encerrar',
  tags: 'etiquetar',
  priority: 'mudar a prioridade de',
  transfer: 'transferir',
  assign: 'reatribuir',
  unassign: 'devolver à fila',
  change: 'alterar',
};

const pt = {
  /** Why an agent may not change another agent's ticket (the server's 403, and the disabled controls' tip). */
  othersTicket: (verb: Verb, holder: string | null) =>
    `Este atendimento é de ${holder ?? 'outro agente'}; só supervisores podem ${ptVerbs[verb]} atendimentos de outros agentes.`,
  confirmClose: {
    title: 'Encerrar o atendimento?',
    message: (contact: string, protocol: string | null) =>
      protocol
        ? `O atendimento de ${contact} (protocolo ${protocol}) será encerrado.`
        : `O atendimento de ${contact} será encerrado.`,
    confirm: 'Encerrar',
    cancel: 'Cancelar',
    hint: 'Enter confirma, Esc cancela.',
    dismiss: 'Fechar',
  },
  keptInList: 'Aberta agora — fora desta lista',
  newMessages: (n: number) => (n === 1 ? '1 nova mensagem ↓' : `${n} novas mensagens ↓`),
  newMessagesNone: 'Novas mensagens ↓',
};

export type TicketRulesDictionary = typeof pt;

const enVerbs: Record<Verb, string> = {
  close: 'close',
  tags: 'tag',
  priority: 'change the priority of',
  transfer: 'transfer',
  assign: 'reassign',
  unassign: 'return to the queue',
  change: 'change',
};

const en: TicketRulesDictionary = {
  othersTicket: (verb, holder) =>
    `This ticket is ${holder ?? 'another agent'}'s; only supervisors can ${enVerbs[verb]} other agents' tickets.`,
  confirmClose: {
    title: 'Close the ticket?',
    message: (contact, protocol) =>
      protocol
        ? `${contact}'s ticket (protocol ${protocol}) will be closed.`
        : `${contact}'s ticket will be closed.`,
    confirm: 'Close',
    cancel: 'Cancel',
    hint: 'Enter confirms, Esc cancels.',
    dismiss: 'Dismiss',
  },
  keptInList: 'Open now — not in this list',
  newMessages: (n) => (n === 1 ? '1 new message ↓' : `${n} new messages ↓`),
  newMessagesNone: 'New messages ↓',
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The ticket rules dictionary of the current locale (reactive: read it inside JSX or an effect). */
export function tr(): TicketRulesDictionary {
  return TEXT[locale()];
}

export type { Verb as TicketVerb };
