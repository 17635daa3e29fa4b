// Times the report API as a supervisor's screen calls it: every endpoint (`overview`, `summary`, `table` per dimension,
// `volume`, `backlog`, and the `.csv` of each) for the presets 7 days, 30 days and 12 months, on the year
// tenant and on the small tenant (the same request, a week of data), plus `/api/me` (an authenticated route
// that reads one row: the floor). Rounds alternate the two tenants case by case, so the machine's noise falls
// on both sides alike; one warm-up round is not counted. Every request must answer 200 with a body.
import { performance } from 'node:perf_hooks';
import { addDays, presetRange } from '../../../app/agent/admin/reports/report-range';
import { summarize } from '../stats';
import type { Summary } from '../types';

export type Preset = '7d' | '30d' | '12m';
export const PRESETS: readonly Preset[] = ['7d', '30d', '12m'];
const DIMENSIONS = ['agent', 'team', 'channel', 'tag'] as const;

export interface ApiCase {
  /** e.g. "table?dimension=agent", "summary.csv". */
  name: string;
  preset: Preset;
  path: string;
}

export interface ApiSide {
  tenant: 'year' | 'small';
  latency: Summary;
  failures: number;
  bytes: number;
}

export interface ApiRecord {
  name: string;
  preset: Preset;
  year: ApiSide;
  small: ApiSide;
}

export interface Who {
  token: string;
  tenant: 'year' | 'small';
}

export function rangeOf(preset: Preset, today: string): { from: string; to: string } {
  if (preset === '7d') return presetRange('last7', today);
  if (preset === '30d') return presetRange('last30', today);
  return { from: addDays(today, -364), to: today };
}

export function apiCases(today: string): ApiCase[] {
  const out: ApiCase[] = [];
  for (const preset of PRESETS) {
    const r = rangeOf(preset, today);
    const q = `from=${r.from}&to=${r.to}`;
    // The screen's first view in one request (what the screen now sends for a range).
    out.push({ name: 'overview agent', preset, path: `/api/reports/overview?${q}&dimension=agent` });
    for (const ext of ['', '.csv']) {
      out.push({ name: `summary${ext}`, preset, path: `/api/reports/summary${ext}?${q}` });
      for (const d of DIMENSIONS)
        out.push({ name: `table${ext} ${d}`, preset, path: `/api/reports/table${ext}?${q}&dimension=${d}` });
      out.push({ name: `volume${ext}`, preset, path: `/api/reports/volume${ext}?${q}` });
      out.push({ name: `backlog${ext}`, preset, path: `/api/reports/backlog${ext}?${q}` });
    }
  }
  return out;
}

/** One timed GET: request sent → the whole body read. */
export async function timedGet(
  base: string,
  token: string,
  path: string,
  timeoutMs: number,
): Promise<{ ms: number; ok: boolean; bytes: number; status: number }> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.arrayBuffer();
    return {
      ms: performance.now() - t0,
      ok: res.status === 200 && body.byteLength > 0,
      bytes: body.byteLength,
      status: res.status,
    };
  } catch {
    return { ms: performance.now() - t0, ok: false, bytes: 0, status: 0 };
  }
}

/** Every case, `repeats` alternating rounds (year, small, year, small …), after one uncounted round. */
export async function measureApi(opts: {
  base: string;
  year: Who;
  small: Who;
  cases: ApiCase[];
  repeats: number;
  timeoutMs: number;
  log: (l: string) => void;
}): Promise<{ records: ApiRecord[]; me: { year: ApiSide; small: ApiSide } }> {
  const { base, cases } = opts;
  type Acc = { ms: number[]; failures: number; bytes: number };
  const acc = (): Acc => ({ ms: [], failures: 0, bytes: 0 });
  const per = cases.map(() => ({ year: acc(), small: acc() }));
  const me = { year: acc(), small: acc() };
  const once = async (who: Who, path: string, into: Acc | null) => {
    const r = await timedGet(base, who.token, path, opts.timeoutMs);
    if (!into) return;
    if (r.ok) into.ms.push(r.ms);
    else into.failures += 1;
    into.bytes = Math.max(into.bytes, r.bytes);
  };
  for (let round = 0; round <= opts.repeats; round++) {
    const counted = round > 0;
    // Alternate which tenant goes first, so neither always meets a cache the other just warmed.
    const order = round % 2 === 0 ? (['year', 'small'] as const) : (['small', 'year'] as const);
    for (const [i, c] of cases.entries()) {
      const slot = per[i] as { year: Acc; small: Acc };
      for (const side of order) await once(opts[side], c.path, counted ? slot[side] : null);
    }
    for (const side of order) await once(opts[side], '/api/me', counted ? me[side] : null);
    opts.log(`  API round ${round}/${opts.repeats}${counted ? '' : ' (warm-up, not counted)'} done`);
  }
  const side = (tenant: 'year' | 'small', a: Acc): ApiSide => ({
    tenant,
    latency: summarize(a.ms),
    failures: a.failures,
    bytes: a.bytes,
  });
  return {
    records: cases.map((c, i) => {
      const slot = per[i] as { year: Acc; small: Acc };
      return {
        name: c.name,
        preset: c.preset,
        year: side('year', slot.year),
        small: side('small', slot.small),
      };
    }),
    me: { year: side('year', me.year), small: side('small', me.small) },
  };
}
