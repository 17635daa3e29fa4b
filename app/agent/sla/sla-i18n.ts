// The words of the SLA badges, the "SLA em risco" filter and the ticket's metrics in Portuguese (default) and
// English, same shape in both; kept beside the components so the shared dictionary only gains timeline lines.
// Pure (no signals): sw() in sla-words.ts picks the current locale's.
import type { SlaTarget } from '../../../workers/contract';
import type { Locale } from '../i18n';

const pt = {
  sla: 'SLA',
  target: {
    first_response: 'Primeira resposta',
    next_response: 'Próxima resposta',
    resolution: 'Resolução',
  } satisfies Record<SlaTarget, string>,
  /** Short names for the list row. */
  targetShort: {
    first_response: '1ª resposta',
    next_response: 'próx. resposta',
    resolution: 'resolução',
  } satisfies Record<SlaTarget, string>,
  atRisk: 'Em risco',
  breached: 'SLA estourado',
  minutes: (n: number) => `${n} min`,
  hoursMinutes: (h: number, m: number) => (m === 0 ? `${h} h` : `${h} h ${m} min`),
  /** What a screen reader hears (colour is never the only cue). */
  okLabel: (target: string, left: string) => `SLA de ${target.toLowerCase()}: ${left} restantes`,
  okLabelAt: (target: string, at: string) => `SLA de ${target.toLowerCase()}: vence ${at}`,
  atRiskLabel: (target: string, left: string) => `SLA de ${target.toLowerCase()} em risco: ${left} restantes`,
  atRiskLabelAt: (target: string, at: string) => `SLA de ${target.toLowerCase()} em risco: vence ${at}`,
  breachedLabel: (targets: string) => `SLA estourado: ${targets.toLowerCase()}`,
  title: (target: string, due: string, minutes: string) => `${target} · vence ${due} (meta ${minutes})`,
  breachedTitle: (targets: string) => `Meta estourada: ${targets}`,
  filter: 'SLA em risco',
  filterCount: (n: number) =>
    n === 1 ? '1 conversa em risco ou estourada' : `${n} conversas em risco ou estouradas`,
  metrics: {
    title: 'Este atendimento',
    firstResponse: 'Primeira resposta',
    noFirstResponse: 'ainda sem resposta',
    resolution: 'Resolução',
    reopens: 'Reaberturas',
    breaches: 'SLA estourado',
    breachesCount: (n: number) => (n === 0 ? 'nenhuma vez' : n === 1 ? '1 vez' : `${n} vezes`),
    policy: (name: string) => `Política de SLA: ${name}`,
    noPolicy: 'Nenhuma política de SLA se aplica.',
    met: 'cumprida',
    missed: 'estourada',
    running: (due: string) => `em andamento · vence ${due}`,
    paused: 'pausada',
    nextTurns: (met: number, missed: number) => `${met} cumpridas, ${missed} estouradas`,
    csat: 'Avaliação do cliente',
    stars: (n: number) => `${n} de 5 estrelas`,
    awaitingRating: 'Aguardando avaliação',
    noComment: 'sem comentário',
  },
  duration: {
    seconds: (n: number) => `${n} s`,
    minutes: (n: number) => `${n} min`,
    hoursMinutes: (h: number, m: number) => (m === 0 ? `${h} h` : `${h} h ${m} min`),
    daysHours: (d: number, h: number) => (h === 0 ? `${d} d` : `${d} d ${h} h`),
  },
};

export type SlaWords = typeof pt;

const en: SlaWords = {
  sla: 'SLA',
  target: { first_response: 'First response', next_response: 'Next response', resolution: 'Resolution' },
  targetShort: { first_response: '1st response', next_response: 'next response', resolution: 'resolution' },
  atRisk: 'At risk',
  breached: 'SLA breached',
  minutes: (n) => `${n} min`,
  hoursMinutes: (h, m) => (m === 0 ? `${h} h` : `${h} h ${m} min`),
  okLabel: (target, left) => `${target} SLA: ${left} left`,
  okLabelAt: (target, at) => `${target} SLA: due ${at}`,
  atRiskLabel: (target, left) => `${target} SLA at risk: ${left} left`,
  atRiskLabelAt: (target, at) => `${target} SLA at risk: due ${at}`,
  breachedLabel: (targets) => `SLA breached: ${targets.toLowerCase()}`,
  title: (target, due, minutes) => `${target} · due ${due} (target ${minutes})`,
  breachedTitle: (targets) => `Breached target: ${targets}`,
  filter: 'SLA at risk',
  filterCount: (n) =>
    n === 1 ? '1 conversation at risk or breached' : `${n} conversations at risk or breached`,
  metrics: {
    title: 'This ticket',
    firstResponse: 'First response',
    noFirstResponse: 'no reply yet',
    resolution: 'Resolution',
    reopens: 'Reopens',
    breaches: 'SLA breached',
    breachesCount: (n) => (n === 0 ? 'never' : n === 1 ? 'once' : `${n} times`),
    policy: (name) => `SLA policy: ${name}`,
    noPolicy: 'No SLA policy applies.',
    met: 'met',
    missed: 'missed',
    running: (due) => `running · due ${due}`,
    paused: 'paused',
    nextTurns: (met, missed) => `${met} met, ${missed} missed`,
    csat: 'Customer rating',
    stars: (n) => `${n} out of 5 stars`,
    awaitingRating: 'Awaiting rating',
    noComment: 'no comment',
  },
  duration: {
    seconds: (n) => `${n} s`,
    minutes: (n) => `${n} min`,
    hoursMinutes: (h, m) => (m === 0 ? `${h} h` : `${h} h ${m} min`),
    daysHours: (d, h) => (h === 0 ? `${d} d` : `${d} d ${h} h`),
  },
};

export const SLA_WORDS: Record<Locale, SlaWords> = { 'pt-BR': pt, en };
