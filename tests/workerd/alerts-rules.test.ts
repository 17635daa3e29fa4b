// The metrics' alert rules on hand-made snapshots (workers/alerts/metric-rules.ts): the outbox backlog summed
// per tenant against its threshold, the archive lag's worst sample, ERP down from the calls and errors since the
// previous run, LLM failing from its errors since then, and what they leave undecided (too few calls, no
// previous mark, a counter that went backwards); thresholds from env with defaults.
import { describe, expect, it } from 'vitest';
import {
  type CounterMark,
  counterMarks,
  counterVerdicts,
  gaugeConditions,
} from '../../workers/alerts/metric-rules';
import { alertThresholds, DEFAULT_THRESHOLDS } from '../../workers/alerts/thresholds';
import type { Env } from '../../workers/env';
import type { MetricSample } from '../../workers/observability/metrics';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const t = { ...DEFAULT_THRESHOLDS, outboxBacklog: 100, archiveLagSeconds: 60 };
const sample = (
  name: MetricSample['name'],
  tenantId: string | null,
  value: number,
  labels = {},
): MetricSample => ({
  name,
  tenantId,
  labels,
  value,
  at: Date.now(),
});

describe('gauge rules', () => {
  it('sums a tenant backlog over its series and raises only over the threshold', () => {
    const held = gaugeConditions(
      {
        counters: [],
        gauges: [
          sample('fio_outbox_backlog', A, 60, { shard: '0' }),
          sample('fio_outbox_backlog', A, 41, { shard: '1' }),
          sample('fio_outbox_backlog', B, 100),
          sample('fio_archive_lag_seconds', A, 30, { shard: '0' }),
          sample('fio_archive_lag_seconds', A, 61, { shard: '1' }),
          sample('fio_archive_lag_seconds', null, 600),
        ],
      },
      t,
    );
    expect(held).toEqual([
      {
        tenant_id: A,
        kind: 'outbox_backlog',
        subject: '',
        severity: 'warning',
        details: { value: 101, threshold: 100 },
      },
      {
        tenant_id: A,
        kind: 'archive_lag',
        subject: '',
        severity: 'warning',
        details: { value: 61, threshold: 60 },
      },
      // Platform-wide (no tenant): only the operator hears it; ten times the threshold is critical.
      {
        tenant_id: null,
        kind: 'archive_lag',
        subject: '',
        severity: 'critical',
        details: { value: 600, threshold: 60 },
      },
    ]);
  });
});

describe('counter rules', () => {
  const mark = (erpCalls: number, erpErrors: number, llmErrors: number): CounterMark => ({
    erpCalls,
    erpErrors,
    llmErrors,
  });

  it('adds a tenant counters over their labels, ignoring other counters and the platform', () => {
    const marks = counterMarks([
      sample('fio_erp_calls_total', A, 10, { tool: 'invoices' }),
      sample('fio_erp_calls_total', A, 5, { tool: 'unlock' }),
      sample('fio_erp_errors_total', A, 2),
      sample('fio_llm_errors_total', A, 1),
      sample('fio_messages_in_total', A, 99),
      sample('fio_erp_calls_total', null, 1000),
    ]);
    expect([...marks]).toEqual([[A, mark(15, 2, 1)]]);
  });

  it('ERP down: half or more of at least 5 calls failed since the last run; cleared when mostly fine', () => {
    const before = new Map([
      [A, mark(10, 0, 0)],
      [B, mark(10, 0, 0)],
    ]);
    const now = new Map([
      [A, mark(16, 3, 0)], // 6 calls, 3 errors: 50 %
      [B, mark(16, 2, 0)], // 6 calls, 2 errors: 33.3 %
    ]);
    const { held, cleared } = counterVerdicts(now, before, DEFAULT_THRESHOLDS);
    expect(held).toEqual([
      {
        tenant_id: A,
        kind: 'erp_down',
        subject: '',
        severity: 'critical',
        details: { calls: 6, errors: 3, value: 50, threshold: 50 },
      },
    ]);
    expect(cleared).toEqual(
      expect.arrayContaining([
        { tenant_id: B, kind: 'erp_down' },
        { tenant_id: A, kind: 'llm_failing' },
        { tenant_id: B, kind: 'llm_failing' },
      ]),
    );
    expect(cleared).not.toContainEqual({ tenant_id: A, kind: 'erp_down' });
  });

  it('decides nothing on too few calls, without a previous mark, or on a counter that went backwards', () => {
    const { held, cleared } = counterVerdicts(
      new Map([
        [A, mark(14, 4, 1)], // 4 calls (< 5), 1 LLM error (between 0 and 3)
        [B, mark(3, 3, 5)], // no mark before
      ]),
      new Map([[A, mark(10, 0, 0)]]),
      DEFAULT_THRESHOLDS,
    );
    expect(held).toEqual([]);
    expect(cleared).toEqual([]);
    const restarted = counterVerdicts(
      new Map([[A, mark(6, 9, 0)]]),
      new Map([[A, mark(0, 10, 0)]]),
      DEFAULT_THRESHOLDS,
    );
    expect(restarted.held.filter((h) => h.kind === 'erp_down')).toEqual([]);
    expect(restarted.cleared.filter((c) => c.kind === 'erp_down')).toEqual([]);
  });

  it('LLM failing: 3 errors since the last run raise it, a run with none clears it', () => {
    const before = new Map([[A, mark(0, 0, 2)]]);
    expect(counterVerdicts(new Map([[A, mark(0, 0, 5)]]), before, DEFAULT_THRESHOLDS).held).toEqual([
      {
        tenant_id: A,
        kind: 'llm_failing',
        subject: '',
        severity: 'warning',
        details: { value: 3, threshold: 3 },
      },
    ]);
    // A tenant with no new sample at all counts as nothing new: cleared.
    expect(counterVerdicts(new Map(), before, DEFAULT_THRESHOLDS).cleared).toContainEqual({
      tenant_id: A,
      kind: 'llm_failing',
    });
  });
});

describe('thresholds', () => {
  it('come from env, and a malformed or out-of-range value keeps the default', () => {
    const env = {
      ALERT_OUTBOX_BACKLOG: '250',
      ALERT_SLA_BREACH_PERCENT: '150',
      ALERT_ERP_MIN_CALLS: 'muitas',
      ALERT_LLM_ERRORS: '',
    } as unknown as Env;
    expect(alertThresholds(env)).toMatchObject({
      outboxBacklog: 250,
      slaBreachPercent: DEFAULT_THRESHOLDS.slaBreachPercent,
      erpMinCalls: DEFAULT_THRESHOLDS.erpMinCalls,
      llmErrors: DEFAULT_THRESHOLDS.llmErrors,
    });
  });
});
