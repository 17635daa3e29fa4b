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
