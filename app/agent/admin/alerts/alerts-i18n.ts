// The words of "Alertas" (the list, acknowledging) and of the top bar's badge, in Portuguese (default) and
// English, same shape in both. The alerts' own titles and sentences come from the server (contract/alerts.ts).
import { locale } from '../../i18n';

const pt = {
  title: 'Alertas',
  intro:
    'Problemas de operação detectados a cada minuto: números com problema, ERP ou IA fora do ar, banco atrasado, muitos SLAs estourados. Um alerta fecha sozinho quando o problema passa; marque como visto para avisar a equipe que alguém está cuidando.',
  tabs: { open: 'Abertos', all: 'Todos' },
  tabsLabel: 'Quais alertas',
  empty: { open: 'Nenhum alerta aberto. Tudo funcionando.', all: 'Nenhum alerta até agora.' },
  columns: {
    severity: 'Gravidade',
    alert: 'Alerta',
    opened: 'Desde',
    state: 'Situação',
    seen: 'Visto',
  },
  severity: { warning: 'Atenção', critical: 'Crítico' },
  state: { open: 'Aberto', resolved: 'Resolvido' },
  resolvedAt: (when: string) => `Resolvido em ${when}`,
  acknowledge: 'Marcar como visto',
  acknowledged: 'Visto',
  acknowledgedDone: 'Alerta marcado como visto.',
  notSeen: 'Não',
  badge: (n: number) => (n === 1 ? '1 alerta' : `${n} alertas`),
  badgeLabel: (n: number) => (n === 1 ? '1 alerta aberto não visto' : `${n} alertas abertos não vistos`),
};

type AlertsDictionary = typeof pt;

const en: AlertsDictionary = {
  title: 'Alerts',
  intro:
    'Operational problems checked every minute: numbers unhealthy, ERP or AI down, the database falling behind, many SLAs breached. An alert closes by itself when the problem clears; mark it seen to tell the team someone is on it.',
  tabs: { open: 'Open', all: 'All' },
  tabsLabel: 'Which alerts',
  empty: { open: 'No open alerts. Everything is working.', all: 'No alerts so far.' },
  columns: { severity: 'Severity', alert: 'Alert', opened: 'Since', state: 'State', seen: 'Seen' },
  severity: { warning: 'Warning', critical: 'Critical' },
  state: { open: 'Open', resolved: 'Resolved' },
  resolvedAt: (when: string) => `Resolved at ${when}`,
  acknowledge: 'Mark as seen',
  acknowledged: 'Seen',
  acknowledgedDone: 'Alert marked as seen.',
  notSeen: 'No',
  badge: (n: number) => (n === 1 ? '1 alert' : `${n} alerts`),
  badgeLabel: (n: number) => (n === 1 ? '1 open alert not seen' : `${n} open alerts not seen`),
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The alerts dictionary of the current locale (reactive: read it inside JSX or an effect). */
export function alt(): AlertsDictionary {
  return TEXT[locale()];
}
