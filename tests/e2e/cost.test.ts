// `npm run cost`: the monthly bill's arithmetic on a hand-computed case (every line item and the total,
// with allowances crossed and not), and the CLI as a user runs it: a table for a valid load, and clear
// errors (exit code 2, nothing printed on stdout) for negative numbers, non-numbers and unknown flags.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, type MeasuredUsage, monthlyBill } from '../../scripts/cost/model';
import { PRICES } from '../../scripts/cost/prices';
import { ROOT } from '../../scripts/lib/stack';

const USAGE: MeasuredUsage = {
  measuredAt: '2026-12-04T00:00:00.000Z',
  commit: 'test',
  command: 'hand-written',
  notes: [],
  perMessage: {
    workerRequests: 2,
    workerCpuMs: 10,
    doRequests: 3,
    doActiveMs: 8,
    sqliteRowsRead: 10,
    sqliteRowsWritten: 4,
    postgresRowsWritten: 5,
    postgresBytes: 1000,
    postgresCpuMs: 1,
    queueOperations: 0,
    analyticsDataPoints: 1,
  },
  perMediaMessage: { r2ClassA: 1, r2ClassB: 2, r2Bytes: 100_000 },
  perConversation: { sqliteBytes: 50_000 },
  perSocket: { workerRequestsPerConnect: 1, doRequestsPerConnect: 2, incomingMessagesPerHour: 180 },
};

const dir = mkdtempSync(join(tmpdir(), 'fio-cost-'));
const usageFile = join(dir, 'usage.json');
writeFileSync(usageFile, JSON.stringify(USAGE));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cost(...args: string[]) {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/cost/index.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the cost model', () => {
  it('adds up a hand-computed month (30 M messages, allowances subtracted per line)', () => {
    const bill = monthlyBill(
      { isps: 10, messagesPerDay: 1_000_000, sockets: 1_000, openConversations: 200_000 },
      USAGE,
      PRICES,
      DEFAULT_ASSUMPTIONS,
    );
    const usd = Object.fromEntries(bill.lines.map((l) => [l.price, l.usd]));
    // 30 M msgs × 2 + 1,000 sockets × 4 connects × 30 days = 60.12 M; − 10 M included; × $0.30/M.
    expect(usd.workerRequests).toBeCloseTo(15.036, 6);
    // 300 M CPU ms − 30 M × $0.02/M.
    expect(usd.workerCpuMs).toBeCloseTo(5.4, 6);
    // 90 M + 240 K connects + 720 K socket-hours × 180 pings ÷ 20 = 96.72 M; − 1 M; × $0.15/M.
    expect(usd.doRequests).toBeCloseTo(14.358, 6);
    // 240,000 s × 0.125 GB = 30,000 GB-s, inside the 400,000 included.
    expect(usd.doDurationGbS).toBe(0);
    expect(usd.doSqlRowsRead).toBe(0);
    // 120 M rows − 50 M × $1/M.
    expect(usd.doSqlRowsWritten).toBeCloseTo(70, 6);
    // 200,000 objects × 50 KB = 10 GB − 5 × $0.20.
    expect(usd.doSqlStorageGbMonth).toBeCloseTo(1, 6);
    expect(usd.queueOperations).toBe(0);
    // 3 M media messages: 3 M puts − 1 M × $4.50/M; 6 M gets inside 10 M; 3,600 GB − 10 × $0.015.
    expect(usd.r2ClassA).toBeCloseTo(9, 6);
    expect(usd.r2ClassB).toBe(0);
    expect(usd.r2StorageGbMonth).toBeCloseTo(53.85, 6);
    expect(usd.analyticsDataPoints).toBeCloseTo(5, 6);
    // Measured CPU (8.3 h × 2) is under the 2 CU floor: 2 × 720 h primary + 1 replica × 1,440 h, × $0.26.
    expect(usd.neonComputeCuHours).toBeCloseTo(748.8, 6);
    // 30 M × 1,000 B × 12 months = 360 GB × $0.35.
    expect(usd.neonStorageGbMonth).toBeCloseTo(126, 6);
    expect(usd.workersPaidBase).toBe(5);
    expect(bill.totalUsd).toBeCloseTo(1053.444, 6);
    expect(bill.perIspUsd).toBeCloseTo(105.3444, 6);
  });

  it('prints the table for a load given on the command line', () => {
    const r = cost(
      '--usage',
      usageFile,
      '--isps',
      '10',
      '--messages-per-day',
      '1000000',
      '--sockets',
      '1000',
      '--open-conversations',
      '200000',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('| **total** | | | | **$1,053.44** | |');
    expect(r.out).toContain('https://developers.cloudflare.com/durable-objects/platform/pricing/');
    expect(r.out).toContain('https://neon.com/docs/introduction/plans');
  });

  it.each([
    [['--isps', '-5'], '--isps must not be negative'],
    [['--messages-per-day', 'muitas'], '--messages-per-day must be a number'],
    [['--sockets', '2.5'], '--sockets must be a whole number'],
    [['--media-share', '2'], '--media-share must be at most 1'],
    [['--open-conversations'], '--open-conversations needs a value'],
    [['--tenants', '10'], 'unknown flag --tenants'],
  ])('refuses %j with a clear error', (args, message) => {
    const r = cost('--usage', usageFile, ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err).toContain('npm run cost -- [flags]');
  });

  it('refuses a usage file that is not one', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...USAGE, perMessage: { ...USAGE.perMessage, workerCpuMs: -1 } }));
    const r = cost('--usage', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain('perMessage.workerCpuMs');
  });
});
