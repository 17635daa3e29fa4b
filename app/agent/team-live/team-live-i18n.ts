// The words of the supervisors' live team view (Equipe ao vivo) in Portuguese (default) and English, same
// shape in both; kept beside it so the shared dictionary is not touched.
import type { PresenceStatus, RoutingMode } from '../../../workers/contract';
import { locale } from '../i18n';

const pt = {
  open: 'Equipe ao vivo',
  title: 'Equipe ao vivo',
  intro: 'Filas e carga dos agentes por equipe, atualizadas em tempo real.',
  close: 'Fechar',
  waiting: 'Aguardando os dados da distribuição…',
  offline: 'Sem conexão com a caixa de entrada: os números podem estar desatualizados.',
  empty: 'Nenhuma equipe nem agente para mostrar.',
  noTeam: 'Sem equipe',
  modes: { manual: 'Manual', round_robin: 'Rodízio', balanced: 'Equilibrado' } satisfies Record<
    RoutingMode,
    string
  >,
  queued: (n: number) => (n === 0 ? 'Fila vazia' : n === 1 ? '1 na fila' : `${n} na fila`),
  longest: 'maior espera',
  agents: 'Agentes',
  noAgents: 'Nenhum agente nesta equipe.',
  status: { online: 'online', away: 'ausente', offline: 'offline' } satisfies Record<PresenceStatus, string>,
  load: (load: number, capacity: number) => `${load} de ${capacity}`,
  full: 'lotado',
};

type TeamLiveDictionary = typeof pt;

const en: TeamLiveDictionary = {
  open: 'Live team',
  title: 'Live team',
  intro: "Queues and agents' load per team, updated live.",
  close: 'Close',
  waiting: 'Waiting for routing data…',
  offline: 'Not connected to the inbox: the numbers may be out of date.',
  empty: 'No teams or agents to show.',
  noTeam: 'No team',
  modes: { manual: 'Manual', round_robin: 'Round-robin', balanced: 'Balanced' },
  queued: (n: number) => (n === 0 ? 'Queue empty' : `${n} queued`),
  longest: 'longest wait',
  agents: 'Agents',
  noAgents: 'No agents in this team.',
  status: { online: 'online', away: 'away', offline: 'offline' },
  load: (load: number, capacity: number) => `${load} of ${capacity}`,
  full: 'full',
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The live team view's dictionary in the current locale (reactive: read it inside JSX or an effect). */
export function tl(): TeamLiveDictionary {
  return TEXT[locale()];
}
