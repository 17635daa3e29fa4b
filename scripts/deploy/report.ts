// The deploy plan as a table (check · result · detail) and the exit codes the command documents.
export type Outcome = 'ok' | 'refused' | 'plan' | 'skipped' | 'done' | 'failed';

export interface CheckResult {
  check: string;
  outcome: Outcome;
  /** One line per finding: what is wrong (or what will happen), naming the thing. */
  lines: string[];
}

/** 0: plan clean (dry run) or deployed; 1: refused by a check; 2: bad arguments; 3: a step failed midway. */
export const EXIT = { ok: 0, refused: 1, usage: 2, failed: 3 } as const;

const MARK: Record<Outcome, string> = {
  ok: 'ok',
  refused: 'REFUSED',
  plan: 'plan',
  skipped: 'skipped',
  done: 'done',
  failed: 'FAILED',
};

export function formatTable(results: CheckResult[]): string {
  const width = Math.max(5, ...results.map((r) => r.check.length));
  const rows = [
    `${'check'.padEnd(width)}  result   detail`,
    `${'-'.repeat(width)}  -------  ${'-'.repeat(40)}`,
  ];
  for (const r of results) {
    const [first = '', ...rest] = r.lines.length > 0 ? r.lines : [''];
    rows.push(`${r.check.padEnd(width)}  ${MARK[r.outcome].padEnd(7)}  ${first}`);
    for (const line of rest) rows.push(`${' '.repeat(width)}  ${' '.repeat(7)}  ${line}`);
  }
  return rows.join('\n');
}
