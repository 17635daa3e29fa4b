// The outgoing webhook bench's report: per phase, post → the receiver's delivery beside post → the agent's
// socket frame (the floor: the product's own fan-out of the same message), deliveries per second beside
// messages stored per second, and the integrity counts. One table in the browser benches' shape, for the
// terminal and as .fio/bench/webhooks-out.{json,md}.
import type { CpuUsage } from '../cpu';
import { benchEnv, machine } from '../environment';
import { writeReportFiles } from '../report-files';
import { cpuCells, type PageBenchReport, renderPageBenchMarkdown, renderPageBenchText } from '../tables';
import type { PhaseRecord } from './measure';
import type { WebhooksOutSettings } from './settings';

export interface WebhooksOutResult {
  commit: string;
  /** The endpoint was created (without it only the floor is measured). */
  subscribed: boolean;
  phases: PhaseRecord[];
  duplicates: number;
  badSignatures: number;
  cpu: { phase: string; usage: CpuUsage }[];
  notes: string[];
}

const num = (v: number, digits = 1) =>
  Number.isFinite(v)
    ? Math.abs(v) >= 10_000
      ? Math.round(v).toLocaleString('en-US')
      : v.toFixed(digits)
    : '—';
const trio = (x: { p50: number; p99: number; max: number }, bold = false) =>
  `${num(x.p50)} / ${bold ? '**' : ''}${num(x.p99)}${bold ? '**' : ''} / ${num(x.max)}`;

function rows(r: WebhooksOutResult, s: WebhooksOutSettings): string[][] {
  const out: string[][] = [];
  for (const p of r.phases) {
    const what =
      p.phase === 'paced'
        ? `paced, ${s.rate} msgs/s over ${s.conversations} conversations`
        : `burst, ${s.window} in flight`;
    out.push(
      [
        `${what}: customer message → at the receiver, p50 / p99 / max (ms; ${p.webhook.n} deliveries); floor: → agent's socket`,
        trio(p.webhook, true),
        trio(p.socket),
        `p99 ×${num(p.webhook.p99 / p.socket.p99, 2)}`,
      ],
      [
        `… webhook answered (message stored), p50 / p99 (ms)`,
        `${num(p.ack.p50)} / ${num(p.ack.p99)}`,
        '—',
        '—',
      ],
      [
        '… deliveries/s at the receiver; baseline: messages stored/s',
        `**${num(p.deliveredPerSecond)}**`,
        num(p.storedPerSecond),
        `${num((p.deliveredPerSecond / p.storedPerSecond) * 100)} %`,
      ],
      ['… last message stored → last delivery (ms)', num(p.drainMs, 0), '—', '—'],
      [
        '… stored / delivered / on the socket / out of order',
        `${p.stored} / ${p.delivered} / ${p.onSocket} / ${p.outOfOrder}`,
        `${p.posted} posted`,
        '—',
      ],
    );
  }
  return out;
}

export function buildReport(
  r: WebhooksOutResult,
  s: WebhooksOutSettings,
): PageBenchReport & { result: WebhooksOutResult } {
  const all = r.phases;
  const complete = all.length === 2 && all.every((p) => p.delivered === p.stored && p.stored === p.posted);
  return {
    title: 'Outgoing webhooks benchmark',
    date: new Date().toISOString(),
    command: 'npm run bench:webhooks-out',
    env: benchEnv(),
    machine: machine(),
    header: ['measurement', 'Fio (webhook)', 'floor / baseline', 'Fio ÷ floor'],
    rows: rows(r, s),
    targets: [
      {
        target: 'every stored message delivered once, signed, in per-conversation order',
        value: !r.subscribed
          ? 'not measured (no endpoint)'
          : all.length
            ? `${all.map((p) => `${p.delivered}/${p.stored}`).join(', ')} delivered; ${r.duplicates} repeated ids; ` +
              `${r.badSignatures} bad signatures; ${all.reduce((n, p) => n + p.outOfOrder, 0)} out of order`
            : 'not measured',
        pass:
          r.subscribed && all.length
            ? complete && r.duplicates === 0 && r.badSignatures === 0 && all.every((p) => p.outOfOrder === 0)
            : null,
      },
    ],
    notes: [`Measured on ${r.commit}.`, ...r.notes],
    cpuRows: r.cpu.map((c) => cpuCells(c.phase, 'webhooks + sockets', c.usage)),
    result: r,
  };
}

export const renderText = (report: PageBenchReport): string => renderPageBenchText(report);

export function writeReport(dir: string, report: PageBenchReport): { json: string; md: string } {
  return writeReportFiles(dir, 'webhooks-out', report, renderPageBenchMarkdown(report));
}
