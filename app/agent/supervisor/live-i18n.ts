// The words of the live supervisor view ("Ao vivo") in Portuguese (default) and English, same shape in both.
import type { PresenceStatus } from '../../../workers/contract';
import { locale } from '../i18n';

const pt = {
  title: 'Ao vivo',
  intro: 'Filas, agentes, SLA e quedas agora, atualizados em tempo real pela caixa de entrada.',
  waitingData: 'Aguardando os dados da distribuição…',
  offline: 'Sem conexão com a caixa de entrada: os números podem estar desatualizados.',
  teams: 'Filas por equipe',
  noTeams: 'Nenhuma fila para mostrar.',
  noTeam: 'Sem equipe',
  waiting: 'Aguardando',
  longest: 'Maior espera',
  online: 'Agentes online',
  atRisk: 'SLA em risco',
  breached: 'SLA estourado',
  agents: 'Agentes e carga',
  noAgents: 'Nenhum agente.',
  agent: 'Agente',
  status: 'Situação',
  load: 'Carga',
  presence: { online: 'online', away: 'ausente', offline: 'offline' } satisfies Record<
    PresenceStatus,
    string
  >,
  loadText: (open: number, capacity: number | null) =>
    capacity === null ? `${open}` : `${open} de ${capacity}`,
  full: 'lotado',
  sla: 'Tickets com SLA em risco',
  noSla: 'Nenhum ticket com SLA em risco agora.',
  ticket: 'Cliente',
  team: 'Equipe',
  assignee: 'Responsável',
  due: 'Vence',
  standing: { at_risk: 'Em risco', breached: 'Estourado' },
  unassigned: 'Na fila',
  outages: 'Quedas ativas',
  noOutages: 'Nenhuma queda ativa.',
  since: 'desde',
  conversations: (n: number) => (n === 1 ? '1 conversa' : `${n} conversas`),
  more: (n: number) => `e mais ${n}`,
};

type LiveDictionary = typeof pt;

const en: LiveDictionary = {
  title: 'Live',
  intro: 'Queues, agents, SLA and outages now, updated live from the inbox.',
  waitingData: 'Waiting for routing data…',
  offline: 'Not connected to the inbox: the numbers may be out of date.',
  teams: 'Queues per team',
  noTeams: 'No queues to show.',
  noTeam: 'No team',
  waiting: 'Waiting',
  longest: 'Longest wait',
  online: 'Agents online',
  atRisk: 'SLA at risk',
  breached: 'SLA breached',
  agents: 'Agents and load',
  noAgents: 'No agents.',
  agent: 'Agent',
  status: 'Status',
  load: 'Load',
  presence: { online: 'online', away: 'away', offline: 'offline' },
  loadText: (open: number, capacity: number | null) =>
    capacity === null ? `${open}` : `${open} of ${capacity}`,
  full: 'full',
  sla: 'Tickets with SLA at risk',
  noSla: 'No ticket has its SLA at risk now.',
  ticket: 'Customer',
  team: 'Team',
  assignee: 'Assignee',
  due: 'Due',
  standing: { at_risk: 'At risk', breached: 'Breached' },
  unassigned: 'Queued',
  outages: 'Active outages',
  noOutages: 'No active outages.',
  since: 'since',
  conversations: (n: number) => (n === 1 ? '1 conversation' : `${n} conversations`),
  more: (n: number) => `and ${n} more`,
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The live view's dictionary in the current locale (reactive: read it inside JSX or an effect). */
export function lt(): LiveDictionary {
  return TEXT[locale()];
}
