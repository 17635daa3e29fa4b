// The numbers a comparison judges, read from each side's own result file (.fio/bench/webhooks.json or
// results.json, written by whichever version of the bench that side has: parsed with zod, only the fields
// used). Fio's numbers only: the ceiling Worker and the `ws` baseline are context, not the product.
import { z } from 'zod';
import type { Suite } from './settings';

export interface Metric {
  /** Stable across runs and sides, e.g. `webhooks.paced.ack-p99`. */
  key: string;
  label: string;
  unit: string;
  better: 'lower' | 'higher';
}

export interface Sample extends Metric {
  /** null: the run produced no number (NaN in the bench's JSON). */
  value: number | null;
}

export interface SuiteResult {
  samples: Sample[];
  /** The bench's own integrity notes (non-200s, Postgres not exact, a busy machine…). */
  integrity: string[];
}

const p99 = z.object({ p99: z.number().nullable() });

const webhookFile = z.object({
  records: z.array(
    z.object({
      scenario: z.object({ key: z.string(), title: z.string() }),
      target: z.string(),
      throughput: z.number().nullable(),
      ack: p99,
    }),
  ),
  integrity: z.array(z.string()),
});

const socketFile = z.object({
  records: z.array(
    z.object({
      variant: z.object({ key: z.string(), kind: z.string(), title: z.string() }),
      target: z.string(),
      load: z.object({ ratePerSecond: z.number().nullable(), ack: p99, delivery: p99 }),
      archive: z.object({ lag: p99 }).nullable(),
    }),
  ),
  integrity: z.array(z.string()),
});

const lower = (key: string, label: string, value: number | null): Sample => ({
  key,
  label: `${label} (ms)`,
  unit: 'ms',
  better: 'lower',
  value,
});
const higher = (key: string, label: string, unit: string, value: number | null): Sample => ({
  key,
  label: `${label} (${unit})`,
  unit,
  better: 'higher',
  value,
});

function webhookSamples(file: z.infer<typeof webhookFile>): Sample[] {
  const find = (key: string, target: string) =>
    file.records.find((r) => r.scenario.key === key && r.target === target);
  const out: Sample[] = [];
  const paced = find('paced', 'fio');
  if (paced)
    out.push(lower('webhooks.paced.ack-p99', `webhooks · ${paced.scenario.title}: ack p99`, paced.ack.p99));
  const max = find('max', 'fio');
  if (max) {
    out.push(
      higher(
        'webhooks.max.throughput',
        `webhooks · ${max.scenario.title}: 200s`,
        'webhooks/s',
        max.throughput,
      ),
    );
    // Fio's share of the same run's reference routes. The bare Worker moves with the machine's load, so the share
    // is the noise-adjusted view; the durable floor (verify, parse, store in another script's object) says what
    // Fio's own work costs, and is absent from runs of commits before it existed.
    const references = [
      { target: 'ceiling', label: 'ceiling' },
      { target: 'floor', label: 'durable floor' },
    ];
    for (const { target, label } of references) {
      const reference = find('max', target)?.throughput;
      if (reference && max.throughput !== null)
        out.push(
          higher(
            `webhooks.max.of-${target}`,
            `webhooks · closed loop: Fio ÷ ${label}, same run`,
            '%',
            (100 * max.throughput) / reference,
          ),
        );
    }
  }
  return out;
}

function socketSamples(file: z.infer<typeof socketFile>): Sample[] {
  const out: Sample[] = [];
  for (const r of file.records.filter((x) => x.target === 'fio')) {
    const { key, kind, title } = r.variant;
    const at = (what: string) => `sockets · ${title}: ${what}`;
    if (kind === 'paced') {
      out.push(lower(`sockets.${key}.delivery-p99`, at('delivery p99'), r.load.delivery.p99));
      out.push(lower(`sockets.${key}.ack-p99`, at('ack p99'), r.load.ack.p99));
    } else if (kind === 'ceiling') {
      out.push(higher(`sockets.${key}.rate`, at('acked'), 'msgs/s', r.load.ratePerSecond));
    } else if (key === 'rooms-paced') {
      out.push(lower(`sockets.${key}.ack-p99`, at('ack p99'), r.load.ack.p99));
      out.push(lower(`sockets.${key}.flush-lag-p99`, at('flush lag p99'), r.archive?.lag.p99 ?? null));
    } else if (kind === 'rooms') {
      out.push(higher(`sockets.${key}.rate`, at('aggregate acked'), 'msgs/s', r.load.ratePerSecond));
    }
  }
  return out;
}

/** Parses one side's result file; a file this does not understand is an error, not an empty row. */
export function readSuite(suite: Suite, json: unknown): SuiteResult {
  if (suite === 'webhooks') {
    const file = webhookFile.parse(json);
    return { samples: webhookSamples(file), integrity: file.integrity };
  }
  const file = socketFile.parse(json);
  return { samples: socketSamples(file), integrity: file.integrity };
}

/** The file each suite's bench writes into its checkout's .fio/bench, and the script that writes it. */
export const SUITE_FILES: Record<Suite, { script: string; result: string }> = {
  webhooks: { script: 'scripts/bench/webhooks/run.ts', result: 'webhooks.json' },
  sockets: { script: 'scripts/bench/run.ts', result: 'results.json' },
};
