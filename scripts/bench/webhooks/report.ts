// Turns webhook run records into the report: the two target checks (Fio's closed-loop throughput against the
// ceiling's, Fio's paced ack p99 with no non-200), Fio's share of the durable floor (a number, no target),
// integrity notes, and the environment it ran in.
import { benchEnv, type Machine, machine } from '../environment';
import type { RunRecord } from './scenarios';
import type { WebhookSettings } from './settings';

export interface TargetCheck {
  target: string;
  /** How the value came about, e.g. "fio 850/s ÷ ceiling 1,600/s". */
  detail: string;
  value: number | null;
  unit: string;
  /** null: not run, or (informational) a number without a target. */
  pass: boolean | null;
  informational?: true;
}

export interface WebhookReport {
  date: string;
  command: string;
  env: Record<string, string>;
  machine: Machine;
  settings: Omit<WebhookSettings, 'stackDir' | 'reportDir'>;
  targets: TargetCheck[];
  integrity: string[];
  records: RunRecord[];
}

/** Other work on the machine above this (cores, on average) makes a run's numbers suspect. */
const OUTSIDE_CORES_NOTED = 0.1;

const find = (records: RunRecord[], key: string, target: string) =>
  records.find((r) => r.scenario.key === key && r.target === target);

const round = (n: number) => Math.round(n).toLocaleString('en-US');

function targets(records: RunRecord[], s: WebhookSettings): TargetCheck[] {
  const fioMax = find(records, 'max', 'fio');
  const ceilingMax = find(records, 'max', 'ceiling');
  const ratio = fioMax && ceilingMax?.throughput ? fioMax.throughput / ceilingMax.throughput : null;
  const paced = find(records, 'paced', 'fio');
  const p99 = paced ? paced.ack.p99 : null;
  const pacedErrors = paced?.load.errorCount ?? 0;
  const pacedCeiling = find(records, 'paced', 'ceiling');
  const floorMax = find(records, 'max', 'floor');
  return [
    {
      target: `Fio closed-loop throughput ≥ ${s.targets.minThroughputRatio * 100}% of the ceiling's`,
      detail:
        fioMax && ceilingMax
          ? `fio ${round(fioMax.throughput)}/s ÷ ceiling ${round(ceilingMax.throughput)}/s`
          : 'not run',
      value: ratio === null ? null : ratio * 100,
      unit: '%',
      pass: ratio === null ? null : ratio >= s.targets.minThroughputRatio,
    },
    {
      target: `Fio ack p99 ≤ ${s.targets.maxPacedAckP99Ms} ms at ${s.rate} webhooks/s, every answer a 200`,
      detail: paced
        ? `p99 ${p99?.toFixed(1)} ms, ${pacedErrors} non-200 of ${paced.load.sent}` +
          (pacedCeiling ? ` (ceiling p99 ${pacedCeiling.ack.p99.toFixed(1)} ms)` : '')
        : 'not run',
      value: p99,
      unit: 'ms',
      pass:
        p99 === null || !Number.isFinite(p99) ? null : p99 <= s.targets.maxPacedAckP99Ms && pacedErrors === 0,
    },
    {
      target: 'Fio closed-loop throughput as a share of the durable floor (no target: what Fio adds)',
      detail:
        fioMax && floorMax
          ? `fio ${round(fioMax.throughput)}/s ÷ floor ${round(floorMax.throughput)}/s; floor ÷ ceiling ` +
            (ceilingMax?.throughput
              ? `${((100 * floorMax.throughput) / ceilingMax.throughput).toFixed(1)} %`
              : '—')
          : 'not run',
      value: fioMax && floorMax?.throughput ? (100 * fioMax.throughput) / floorMax.throughput : null,
      unit: '%',
      pass: null,
      informational: true,
    },
  ];
}

function integrity(records: RunRecord[]): string[] {
  const notes: string[] = [];
  for (const r of records) {
    const where = `${r.scenario.key}/${r.target}`;
    const { load, pg } = r;
    if (load.errorCount)
      notes.push(
        `${where}: ${load.errorCount} of ${load.sent} not answered 200: ${JSON.stringify(load.errors)}; ` +
          `first: ${load.errorSamples.slice(0, 2).join(' | ')}`,
      );
    if (load.notStored) notes.push(`${where}: ${load.notStored} 200s did not say "stored":1`);
    if (pg && pg.found < pg.expected)
      notes.push(
        `${where}: Postgres holds ${pg.found}/${pg.expected} acknowledged messages after ${pg.waitedMs} ms`,
      );
    if (pg?.duplicates) notes.push(`${where}: ${pg.duplicates} duplicate rows in Postgres`);
    if (pg?.foundForErrors)
      notes.push(`${where}: ${pg.foundForErrors} rows stored for requests not answered 200`);
    const outside = r.cpu.cores['outside the bench'] ?? 0;
    if (outside > OUTSIDE_CORES_NOTED)
      notes.push(
        `${where}: ${outside.toFixed(2)} cores busy outside the bench (a shared machine: numbers are noisy)`,
      );
    if (r.scenario.key === 'paced' && load.lateMsP99 > 5)
      notes.push(`${where}: the driver ran its schedule late (p99 ${load.lateMsP99.toFixed(1)} ms)`);
  }
  return notes;
}

export function buildReport(records: RunRecord[], s: WebhookSettings): WebhookReport {
  const { stackDir: _stack, reportDir: _report, ...settings } = s;
  return {
    date: new Date().toISOString(),
    command: 'npx tsx scripts/bench/webhooks/run.ts',
    env: benchEnv(),
    machine: machine(),
    settings,
    targets: targets(records, s),
    integrity: integrity(records),
    records,
  };
}
