// The words of the routing screen (Distribuição: teams' mode, capacities, requeue limits, hours; agents'
// capacity) in Portuguese (default) and English, same shape in both; the shared dictionary only gains the
// menu label and the two audit actions.
import type { RoutingMode } from '../../../../workers/contract';
import { locale } from '../../i18n';

const pt = {
  title: 'Distribuição',
  intro:
    'Como as conversas da fila chegam aos agentes. Só recebem conversas os agentes online da equipe com capacidade livre; a fila anda por prioridade e, depois, por quem espera há mais tempo.',
  loading: 'Carregando a distribuição…',
  noTeams: 'Nenhuma equipe ainda. Crie uma em Equipes para distribuir a fila.',
  teamsTitle: 'Equipes',
  agentsTitle: 'Capacidade dos agentes',
  agentsIntro: (n: number) =>
    `Quantas conversas abertas cada agente recebe, no máximo, pela distribuição automática. Em branco: o padrão da equipe (ou do provedor: ${n}).`,
  mode: 'Distribuição automática',
  modes: {
    manual: 'Manual',
    round_robin: 'Rodízio',
    balanced: 'Equilibrado',
  } satisfies Record<RoutingMode, string>,
  modeHints: {
    manual: 'Desligada: os agentes assumem as conversas da fila.',
    round_robin: 'Ligada: cada conversa vai para o próximo agente disponível, em ordem.',
    balanced: 'Ligada: cada conversa vai para o agente com menos conversas abertas.',
  } satisfies Record<RoutingMode, string>,
  on: 'Ligada',
  off: 'Desligada',
  defaultCapacity: 'Capacidade padrão da equipe',
  defaultCapacityHint: (n: number) =>
    `Conversas por agente sem capacidade própria. Em branco: o padrão do provedor (${n}).`,
  requeueOffline: 'Devolver à fila se o agente ficar offline por (segundos)',
  requeueOfflineHint: 'Em branco: nunca devolver.',
  requeueUnanswered: 'Devolver à fila se o cliente ficar sem resposta por (minutos)',
  requeueUnansweredHint: 'Em branco: nunca devolver. Conta a partir da última mensagem do cliente.',
  hours: 'Horário da equipe',
  hoursTenant: 'Usar o horário do provedor',
  hoursOwn: 'Horário próprio da equipe',
  save: (team: string) => `Salvar ${team}`,
  saved: (team: string) => `Distribuição da equipe ${team} salva.`,
  agent: 'Agente',
  teams: 'Equipes',
  capacity: 'Capacidade',
  capacityOf: (name: string) => `Capacidade de ${name}`,
  effective: (n: number) => `Efetiva: ${n}`,
  inherited: (n: number) => `padrão (${n})`,
  noTeam: 'Sem equipe',
  noAgents: 'Nenhum agente ativo.',
  saveAgent: (name: string) => `Salvar capacidade de ${name}`,
  savedAgent: (name: string) => `Capacidade de ${name} salva.`,
  errors: {
    capacity: 'Use um número inteiro de 0 a 100, ou deixe em branco.',
    seconds: 'Use um número inteiro de segundos (0 a 86400), ou deixe em branco.',
    minutes: 'Use um número inteiro de minutos, de 1 em diante, ou deixe em branco.',
    hours: 'Corrija os horários marcados.',
  },
};

type RoutingDictionary = typeof pt;

const en: RoutingDictionary = {
  title: 'Routing',
  intro:
    "How queued conversations reach agents. Only the team's online agents with free capacity receive conversations; the queue moves by priority, then by who has waited longest.",
  loading: 'Loading routing…',
  noTeams: 'No teams yet. Create one under Teams to route the queue.',
  teamsTitle: 'Teams',
  agentsTitle: "Agents' capacity",
  agentsIntro: (n: number) =>
    `The most open conversations automatic assignment gives each agent. Blank: the team's default (or the provider's: ${n}).`,
  mode: 'Automatic assignment',
  modes: { manual: 'Manual', round_robin: 'Round-robin', balanced: 'Balanced' },
  modeHints: {
    manual: 'Off: agents take conversations from the queue.',
    round_robin: 'On: each conversation goes to the next available agent, in turn.',
    balanced: 'On: each conversation goes to the agent with the fewest open conversations.',
  },
  on: 'On',
  off: 'Off',
  defaultCapacity: "Team's default capacity",
  defaultCapacityHint: (n: number) =>
    `Conversations per agent without a capacity of their own. Blank: the provider's default (${n}).`,
  requeueOffline: 'Back to the queue if the agent is offline for (seconds)',
  requeueOfflineHint: 'Blank: never.',
  requeueUnanswered: 'Back to the queue if the customer is unanswered for (minutes)',
  requeueUnansweredHint: "Blank: never. Counted from the customer's last message.",
  hours: "Team's hours",
  hoursTenant: "Use the provider's hours",
  hoursOwn: "The team's own hours",
  save: (team: string) => `Save ${team}`,
  saved: (team: string) => `Routing of team ${team} saved.`,
  agent: 'Agent',
  teams: 'Teams',
  capacity: 'Capacity',
  capacityOf: (name: string) => `Capacity of ${name}`,
  effective: (n: number) => `Effective: ${n}`,
  inherited: (n: number) => `default (${n})`,
  noTeam: 'No team',
  noAgents: 'No active agents.',
  saveAgent: (name: string) => `Save capacity of ${name}`,
  savedAgent: (name: string) => `Capacity of ${name} saved.`,
  errors: {
    capacity: 'Use a whole number from 0 to 100, or leave it blank.',
    seconds: 'Use a whole number of seconds (0 to 86400), or leave it blank.',
    minutes: 'Use a whole number of minutes, 1 or more, or leave it blank.',
    hours: 'Fix the marked hours.',
  },
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The routing screen's dictionary of the current locale (reactive: read it inside JSX or an effect). */
export function rt(): RoutingDictionary {
  return TEXT[locale()];
}
