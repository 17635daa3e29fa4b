// The campaign bench's report: the send rate beside the number's limit, the agent's reply latency during the
// campaign beside the same probe with no campaign, and the statuses' fold beside the simulator's own delays;
// one table in the browser benches' shape (scripts/bench/tables.ts), for the terminal and as
// .fio/bench/campaigns.{json,md}.
import type { CpuUsage } from '../cpu';
import { benchEnv, machine } from '../environment';
import { writeReportFiles } from '../report-files';
import { cpuCells, type PageBenchReport, renderPageBenchMarkdown, renderPageBenchText } from '../tables';
import type { FoldRecord } from './campaign';
import type { ProbeSide } from './probe';
import type { RateRecord } from './sends';
import type { CampaignSettings } from './settings';

export interface CampaignBenchResult {
  commit: string;
  rate: RateRecord | null;
  baseline: ProbeSide | null;
  during: ProbeSide | null;
  fold: FoldRecord | null;
  /** Start request → campaign status 'running' answered (the audience materialised), ms. */
  startMs: number | null;
  finalStatus: string | null;
  cpu: { phase: string; targets: string; usage: CpuUsage }[];
  notes: string[];
}

const num = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || !Number.isFinite(v)
    ? '—'
    : Math.abs(v) >= 10_000
      ? Math.round(v).toLocaleString('en-US')
      : v.toFixed(digits);
const int = (v: number) => v.toLocaleString('en-US');

function rows(r: CampaignBenchResult, s: CampaignSettings): string[][] {
  const out: string[][] = [];
  const limit = s.ratePerSecond;
  const { rate, baseline: b, during: d, fold } = r;
  const steadyShare = 100 - 2 * s.trimPercent;
  if (rate) {
    out.push(
      [
        `campaign sends/s at the simulator, steady part (middle ${steadyShare} % of sends)`,
        `**${num(rate.steadyPerSecond)}**`,
        `${limit} (the number's limit)`,
        `${num((rate.steadyPerSecond / limit) * 100)} %`,
      ],
      [
        `… first → last send (${num(rate.spanSeconds)} s)`,
        num(rate.overallPerSecond),
        String(limit),
        `${num((rate.overallPerSecond / limit) * 100)} %`,
      ],
      [
        '… slowest / fastest whole second in the steady part',
        `${rate.minSecond} / ${rate.maxSecond}`,
        String(limit),
        '—',
      ],
      [
        'campaign sends accepted / distinct recipients / sent twice / refused by the simulator',
        `${int(rate.sends)} / ${int(rate.recipients)} / ${rate.duplicates} / ${rate.refused}`,
        `${int(s.recipients)} recipients`,
        '—',
      ],
    );
  }
  if (b || d) {
    const cell = (x: ProbeSide | null) =>
      x
        ? `${num(x.latency.p50)} / ${x === d ? '**' : ''}${num(x.latency.p99)}${x === d ? '**' : ''} / ${num(x.latency.max)}`
        : '—';
    out.push([
      `agent reply: REST send → at the simulator, p50 / p99 / max (ms; ${d?.latency.n ?? 0} during the campaign, ${b?.latency.n ?? 0} without)`,
      cell(d),
      cell(b),
      d && b ? `p99 ×${num(d.latency.p99 / b.latency.p99, 2)}` : '—',
    ]);
    const ack = (x: ProbeSide | null) => (x ? `${num(x.ack.p50)} / ${num(x.ack.p99)}` : '—');
    out.push(['… REST answered (stored by the conversation object), p50 / p99 (ms)', ack(d), ack(b), '—']);
    const lost = (x: ProbeSide | null) => (x ? `${x.missed} / ${x.refused}` : '—');
    out.push(['… replies missed (not at the simulator in time) / refused by REST', lost(d), lost(b), '—']);
  }
  if (fold) {
    out.push([
      'last campaign send → every recipient delivered / read in campaign_recipients (ms)',
      `${num(fold.deliveredMs, 0)} / **${num(fold.readMs, 0)}**`,
      `${num(fold.floorMs, 0)} (the simulator's last status leaves)`,
      `read ×${num(fold.readMs / fold.floorMs, 2)}`,
    ]);
    out.push([
      'recipients by state at the end',
      Object.entries(fold.final)
        .map(([k, v]) => `${k} ${int(v)}`)
        .join(', ') || '—',
      '—',
      '—',
    ]);
  }
  if (r.startMs !== null)
    out.push(['start request answered (audience → recipients), ms', num(r.startMs, 0), '—', '—']);
  return out;
}

export function buildReport(
  r: CampaignBenchResult,
  s: CampaignSettings,
): PageBenchReport & { result: CampaignBenchResult } {
  const limit = s.ratePerSecond;
  const share = r.rate ? r.rate.steadyPerSecond / limit : null;
  const ratio = r.baseline && r.during ? r.during.latency.p99 / r.baseline.latency.p99 : null;
  return {
    title: `Campaign benchmark (${int(s.recipients)} recipients, ${limit}/s number)`,
    date: new Date().toISOString(),
    command: 'npm run bench:campaigns',
    env: benchEnv(),
    machine: machine(),
    header: ['measurement', 'Fio', 'baseline', 'Fio ÷ baseline'],
    rows: rows(r, s),
    targets: [
      {
        target: `steady send rate ≥ ${s.targets.rateShare * 100} % of the ${limit}/s limit`,
        value: share === null ? 'not measured' : `${num(share * 100)} % (${num(r.rate?.steadyPerSecond)}/s)`,
        pass: share === null ? null : share >= s.targets.rateShare,
      },
      {
        target: `agent reply p99 during the campaign ≤ ${s.targets.replyP99Ratio}× without it`,
        value:
          ratio === null
            ? 'not measured'
            : `×${num(ratio, 2)} (${num(r.during?.latency.p99)} vs ${num(r.baseline?.latency.p99)} ms)`,
        pass: ratio === null || !Number.isFinite(ratio) ? null : ratio <= s.targets.replyP99Ratio,
      },
    ],
    notes: [`Measured on ${r.commit}; the campaign ended ${r.finalStatus ?? 'unknown'}.`, ...r.notes],
    cpuRows: r.cpu.map((c) => cpuCells(c.phase, c.targets, c.usage)),
    result: r,
  };
}

export function renderText(report: PageBenchReport): string {
  return renderPageBenchText(report);
}

export function writeReport(dir: string, report: PageBenchReport): { json: string; md: string } {
  return writeReportFiles(dir, 'campaigns', report, renderPageBenchMarkdown(report));
}
