// Table rendering shared by both benches: padded text columns for the terminal, Markdown for the report
// files, and the CPU-by-role cells every run prints.
import type { CpuUsage } from './cpu';

export function padRows(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd(),
  );
}

export function mdTable(header: string[], body: string[][]): string[] {
  const esc = (c: string) => c.replaceAll('|', '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ];
}

/** run, target, how busy the machine was, and the cores each role used (largest first, ≥ 0.01). */
export function cpuCells(run: string, target: string, cpu: CpuUsage): string[] {
  return [
    run,
    target,
    `${Math.round(cpu.machineBusy * 100)}%`,
    Object.entries(cpu.cores)
      .filter(([, c]) => c >= 0.01)
      .sort((a, b) => b[1] - a[1])
      .map(([role, c]) => `${role} ${c.toFixed(2)}`)
      .join(', '),
  ];
}

/** PASS, FAIL, or NOT RUN (a target whose measurement could not be taken). */
export const verdict = (pass: boolean | null) => (pass === null ? 'NOT RUN' : pass ? 'PASS' : 'FAIL');

/** What the browser benches (agent client, widget) print: one table, target checks, notes, CPU by phase. */
export interface PageBenchReport {
  /** The markdown heading's name, e.g. "Agent client benchmark". */
  title: string;
  date: string;
  command: string;
  env: Record<string, string>;
  machine: { cpus: number; node: string; platform: string };
  header: string[];
  rows: string[][];
  targets: readonly { target: string; value: string; pass: boolean | null }[];
  notes: string[];
  cpuRows: string[][];
  /** A line under the terminal table (e.g. "(times in ms)"). */
  unitsLine?: string;
}

export function renderPageBenchText(r: PageBenchReport): string {
  const lines = padRows([r.header, ...r.rows]);
  const rule = '-'.repeat(Math.max(...lines.map((l) => l.length)));
  const out = [rule, lines[0] ?? '', rule, ...lines.slice(1), rule];
  if (r.unitsLine) out.push(r.unitsLine);
  out.push('', 'Targets:');
  for (const t of r.targets) out.push(`  ${verdict(t.pass).padEnd(7)} ${t.target}: ${t.value}`);
  out.push('', ...r.notes, '', 'CPU per phase (machine busy; cores used on average by role):');
  out.push(...padRows(r.cpuRows).map((l) => `  ${l}`));
  return out.join('\n');
}

export function renderPageBenchMarkdown(r: PageBenchReport): string {
  const env = Object.entries(r.env).map(([k, v]) => `${k}=${v}`);
  const m = r.machine;
  return [
    `### ${r.title}: ${r.date.slice(0, 10)}`,
    '',
    `Command: \`${env.length ? `${env.join(' ')} ` : ''}${r.command}\` (${m.cpus} cores, Node ${m.node}, ` +
      `${m.platform}). Times in ms.`,
    '',
    ...mdTable(r.header, r.rows),
    '',
    ...mdTable(
      ['target', 'value', 'result'],
      r.targets.map((t) => [t.target, t.value, verdict(t.pass)]),
    ),
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
    ...mdTable(['phase', 'targets', 'machine busy', 'cores used by role'], r.cpuRows),
    '',
  ].join('\n');
}
