// The volume heatmap's grid from the API's cells, and the shade of a cell. Pure, for tests.
import type { VolumeHeatmap } from '../../../../workers/contract/reports';

/** The volume grid: grid[weekday][hour] = messages in. */
export function volumeGrid(map: VolumeHeatmap): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const c of map.cells) (grid[c.weekday] as number[])[c.hour] = c.messagesIn;
  return grid;
}

/** 0 for none, then 1–4 by quarter of the busiest cell. */
export function level(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 0;
  return Math.min(4, Math.ceil((n / max) * 4));
}
