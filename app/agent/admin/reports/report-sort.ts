// Sorting a report table's rows by a column: the label alphabetically, a metric by its value with the rows
// that have none ("—") always last; the "none" row (no agent, untagged) sorts like any other.
import type { ReportRow } from '../../../../workers/contract/reports';
import { METRICS, type MetricKey } from './report-metrics';

export type SortKey = 'label' | MetricKey;
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export function sortRows(rows: readonly ReportRow[], sort: Sort, locale: string): ReportRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  if (sort.key === 'label') return [...rows].sort((a, b) => sign * a.label.localeCompare(b.label, locale));
  const value = METRICS[sort.key].value;
  return [...rows].sort((a, b) => {
    const va = value(a.current);
    const vb = value(b.current);
    if (va === null && vb === null) return a.label.localeCompare(b.label, locale);
    if (va === null) return 1;
    if (vb === null) return -1;
    return sign * (va - vb) || a.label.localeCompare(b.label, locale);
  });
}
