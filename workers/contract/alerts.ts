// Operational alerts: what an admin sees under "Alertas" and the operator's webhook receives. Each alert is one
// condition (a number unhealthy, the outbox backlog over its threshold …) from the minute it was raised until
// it cleared; the words are built from its kind and numbers, pt-BR first and English, in one place (here) so
// the screen, the badge and the operator webhook say the same thing.
import { z } from 'zod';
import { healthWords } from './alert-health-words';
import { Uuid } from './ids';

export const AlertKind = z.enum([
  'channel_unhealthy',
  'llm_failing',
  'erp_down',
  'outbox_backlog',
  'archive_lag',
  'sla_breach_rate',
]);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertSeverity = z.enum(['warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/** The numbers an alert is worded from; which are present depends on the kind. */
export interface AlertDetails {
  /** The measured value (events, seconds, percent, errors) and the threshold it crossed. */
  value?: number;
  threshold?: number;
  channelName?: string;
  code?: string | null;
  reason?: string | null;
  tickets?: number;
  breached?: number;
  percent?: number;
  calls?: number;
  errors?: number;
}

export interface AlertText {
  'pt-BR': string;
  en: string;
}

export interface AlertView {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  /** What it is about within the kind (a channel id), '' when the tenant has only one of the kind. */
  subject: string;
  state: 'open' | 'resolved';
  details: AlertDetails;
  title: AlertText;
  message: AlertText;
  openedAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface AlertListResponse {
  alerts: AlertView[];
  /** Open and not yet acknowledged: the admins' badge. */
  unacknowledged: number;
}

export const AlertListQuery = z.strictObject({
  state: z.enum(['open', 'all']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const AlertIdParam = Uuid;

/** The operator webhook's body: one transition of one alert (`Fio-Event: alert.opened` / `alert.resolved`). */
export interface OperatorAlertPayload {
  /** The delivery id (also the Fio-Delivery-Id header): the same on every retry of this transition. */
  id: string;
  type: 'alert.opened' | 'alert.resolved';
  occurredAt: string;
  alert: {
    id: string;
    /** null: platform-wide. */
    tenantId: string | null;
    kind: AlertKind;
    severity: AlertSeverity;
    subject: string;
    details: AlertDetails;
    title: AlertText;
    message: AlertText;
    openedAt: string;
    resolvedAt: string | null;
  };
}

const n = (v: number | undefined) => (v === undefined ? '?' : String(v));

/** The short title of a kind. */
export function alertTitle(kind: AlertKind): AlertText {
  switch (kind) {
    case 'channel_unhealthy':
      return { 'pt-BR': 'Número com problema', en: 'Number unhealthy' };
    case 'llm_failing':
      return { 'pt-BR': 'IA fora do ar', en: 'AI unavailable' };
    case 'erp_down':
      return { 'pt-BR': 'ERP fora do ar', en: 'ERP down' };
    case 'outbox_backlog':
      return { 'pt-BR': 'Mensagens acumuladas sem arquivar', en: 'Archive backlog' };
    case 'archive_lag':
      return { 'pt-BR': 'Arquivo atrasado', en: 'Archive lag' };
    case 'sla_breach_rate':
      return { 'pt-BR': 'Muitos SLAs estourados', en: 'High SLA breach rate' };
  }
}

/** One sentence saying what is wrong, with its numbers. */
export function alertMessage(kind: AlertKind, d: AlertDetails): AlertText {
  switch (kind) {
    case 'channel_unhealthy': {
      const name = d.channelName ?? '';
      return {
        'pt-BR': `O número ${name} está com problema${d.code ? ` (${healthWords(d.code, 'pt-BR')})` : ''}: envios podem falhar.`,
        en: `Number ${name} is unhealthy${d.code ? ` (${healthWords(d.code, 'en')})` : ''}: sends may fail.`,
      };
    }
    case 'llm_failing':
      return {
        'pt-BR': `${n(d.value)} falhas do modelo de IA no último minuto (limite ${n(d.threshold)}): o robô passa as conversas para a equipe.`,
        en: `${n(d.value)} AI model failures in the last minute (limit ${n(d.threshold)}): the bot hands conversations to the team.`,
      };
    case 'erp_down':
      return {
        'pt-BR': `${n(d.errors)} de ${n(d.calls)} chamadas ao ERP falharam no último minuto (${n(d.value)}%, limite ${n(d.threshold)}%).`,
        en: `${n(d.errors)} of ${n(d.calls)} ERP calls failed in the last minute (${n(d.value)}%, limit ${n(d.threshold)}%).`,
      };
    case 'outbox_backlog':
      return {
        'pt-BR': `${n(d.value)} eventos aguardam gravação no banco (limite ${n(d.threshold)}). Nada se perde; relatórios e buscas ficam atrasados.`,
        en: `${n(d.value)} events wait to be written to the database (limit ${n(d.threshold)}). Nothing is lost; reports and search lag behind.`,
      };
    case 'archive_lag':
      return {
        'pt-BR': `O arquivo está ${n(d.value)} s atrasado (limite ${n(d.threshold)} s).`,
        en: `The archive is ${n(d.value)} s behind (limit ${n(d.threshold)} s).`,
      };
    case 'sla_breach_rate':
      return {
        'pt-BR': `${n(d.breached)} de ${n(d.tickets)} atendimentos da última hora estouraram o SLA (${n(d.percent)}%, limite ${n(d.threshold)}%).`,
        en: `${n(d.breached)} of ${n(d.tickets)} tickets in the last hour breached their SLA (${n(d.percent)}%, limit ${n(d.threshold)}%).`,
      };
  }
}
