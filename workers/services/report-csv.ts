// The reports as CSV, for a spreadsheet: UTF-8 with a BOM, ';' between fields and CRLF line ends (what
// Brazilian Excel opens as columns), pt-BR headers, numbers exactly as the JSON answer has them (same
// rounding) with a decimal comma, rates as fractions 0–1 like the JSON, durations in seconds. Empty cell:
// no sample (null in the JSON). Fields are escaped by the campaign export's csvField (quotes, formulas).
import type { BacklogSeries, ReportMetrics, ReportSummary, ReportTable, VolumeHeatmap } from '../contract';
import { csvField } from './campaign-export';

/** One metric column: its pt-BR header and how to read it from the JSON. */
interface Column {
  header: string;
  value: (m: ReportMetrics) => number | null;
}

export const METRIC_COLUMNS: readonly Column[] = [
  { header: 'Tickets abertos', value: (m) => m.ticketsOpened },
  { header: 'Tickets resolvidos', value: (m) => m.ticketsResolved },
  { header: 'Mensagens recebidas', value: (m) => m.messagesIn },
  { header: 'Mensagens enviadas', value: (m) => m.messagesOut },
  { header: 'Primeira resposta: amostras', value: (m) => m.firstResponse.count },
  { header: 'Primeira resposta: média (s)', value: (m) => m.firstResponse.averageSeconds },
  { header: 'Primeira resposta: mediana (s)', value: (m) => m.firstResponse.medianSeconds },
  { header: 'Resolução: amostras', value: (m) => m.resolution.count },
  { header: 'Resolução: média (s)', value: (m) => m.resolution.averageSeconds },
  { header: 'Resolução: mediana (s)', value: (m) => m.resolution.medianSeconds },
  { header: 'CSAT: pesquisas', value: (m) => m.csat.surveys },
  { header: 'CSAT: respostas', value: (m) => m.csat.responses },
  { header: 'CSAT: taxa de resposta', value: (m) => m.csat.responseRate },
  { header: 'CSAT: média (1–5)', value: (m) => m.csat.average },
  { header: 'Contidos pelo bot', value: (m) => m.botContainment.part },
  { header: 'Contenção do bot', value: (m) => m.botContainment.rate },
  { header: 'Transferências do bot', value: (m) => m.handoffs.total },
  { header: 'SLA cumpridos', value: (m) => m.slaMet.part },
  { header: 'SLA vencidos no período', value: (m) => m.slaMet.whole },
  { header: 'SLA cumprido', value: (m) => m.slaMet.rate },
  { header: 'Reabertos', value: (m) => m.reopened.part },
  { header: 'Taxa de reabertura', value: (m) => m.reopened.rate },
];

export const PREVIOUS_SUFFIX = ' (período anterior)';

/** A number as the JSON has it, with a decimal comma. */
export function csvNumber(n: number | null): string {
  return n === null ? '' : String(n).replace('.', ',');
}

function document(lines: string[][]): string {
  return `\uFEFF${lines.map((l) => l.join(';')).join('\r\n')}\r\n`;
}

/** Hand-off reasons found anywhere in the table, in a stable order. */
function reasons(metrics: ReportMetrics[]): string[] {
  const all = new Set<string>();
  for (const m of metrics) for (const r of Object.keys(m.handoffs.byReason)) all.add(r);
  return [...all].sort();
}

function metricCells(m: ReportMetrics, reasonList: string[]): string[] {
  return [
    ...METRIC_COLUMNS.map((c) => csvNumber(c.value(m))),
    ...reasonList.map((r) => csvNumber(m.handoffs.byReason[r] ?? 0)),
  ];
}

export function summaryCsv(s: ReportSummary): string {
  const reasonList = reasons([s.current, s.previous]);
  const lines = [
    ['Métrica', `${s.range.from} a ${s.range.to}`, `${s.previousRange.from} a ${s.previousRange.to}`],
  ];
  const cur = metricCells(s.current, reasonList);
  const prev = metricCells(s.previous, reasonList);
  const headers = [...METRIC_COLUMNS.map((c) => c.header), ...reasonList.map((r) => `Transferências: ${r}`)];
  headers.forEach((h, i) => {
    lines.push([csvField(h), cur[i] ?? '', prev[i] ?? '']);
  });
  return document(lines);
}

export function tableCsv(t: ReportTable): string {
  const all = [t.totals.current, t.totals.previous, ...t.rows.flatMap((r) => [r.current, r.previous])];
  const reasonList = reasons(all);
  const headers = [...METRIC_COLUMNS.map((c) => c.header), ...reasonList.map((r) => `Transferências: ${r}`)];
  const lines = [
    [
      'Nome',
      'Id',
      ...headers.map((h) => csvField(h)),
      ...headers.map((h) => csvField(`${h}${PREVIOUS_SUFFIX}`)),
    ],
  ];
  for (const r of t.rows) {
    lines.push([
      csvField(r.label),
      csvField(r.key),
      ...metricCells(r.current, reasonList),
      ...metricCells(r.previous, reasonList),
    ]);
  }
  lines.push([
    'Total',
    '',
    ...metricCells(t.totals.current, reasonList),
    ...metricCells(t.totals.previous, reasonList),
  ]);
  return document(lines);
}

const WEEKDAYS = [
  'domingo',
  'segunda-feira',
  'terça-feira',
  'quarta-feira',
  'quinta-feira',
  'sexta-feira',
  'sábado',
];

export function volumeCsv(v: VolumeHeatmap): string {
  const lines = [['Dia da semana', 'Hora', 'Mensagens recebidas', 'Tickets abertos']];
  for (const c of v.cells)
    lines.push([
      WEEKDAYS[c.weekday] ?? '',
      String(c.hour),
      csvNumber(c.messagesIn),
      csvNumber(c.ticketsOpened),
    ]);
  return document(lines);
}

export function backlogCsv(b: BacklogSeries): string {
  const lines = [['Dia', 'Abertos', 'Resolvidos', 'Em aberto no fim do dia']];
  for (const d of b.days)
    lines.push([d.day, csvNumber(d.opened), csvNumber(d.resolved), csvNumber(d.openAtEnd)]);
  return document(lines);
}
