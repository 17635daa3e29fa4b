// The backlog chart drawn with uPlot, loaded with import() only when the reports screen shows a chart, so the
// chart library (≈ 20 KB gzip) is never part of the agent app's first load. Bars for the day's openings and
// resolutions, a line for what stayed open at the end of each day.
import type uPlotType from 'uplot';
import type { BacklogSeries } from '../../../../workers/contract/reports';

export interface BacklogChartWords {
  openAtEnd: string;
  opened: string;
  resolved: string;
}

export interface BacklogChart {
  resize: (width: number) => void;
  destroy: () => void;
}

const DAY_S = 86_400;

let library: Promise<typeof uPlotType> | null = null;

/**
 * uPlot and its stylesheet, fetched once. The reports screen calls this on mount, while its numbers are asked
 * for, so the chart never waits for the library after the data arrived; a failed fetch is forgotten (retried).
 */
export function loadChartLibrary(): Promise<typeof uPlotType> {
  library ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(
    ([m]) => m.default,
    (err: unknown) => {
      library = null;
      throw err;
    },
  );
  return library;
}

/** Draws `series` into `host` (width in px); the x axis is the calendar day (shown as dd/mm, zone-free). */
export async function drawBacklogChart(
  host: HTMLElement,
  series: BacklogSeries,
  words: BacklogChartWords,
  width: number,
): Promise<BacklogChart> {
  const uPlot = await loadChartLibrary();
  // Days as UTC midnights; the axis formats them in UTC so no zone shifts a day.
  const xs = series.days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
  const data: uPlotType.AlignedData = [
    xs,
    series.days.map((d) => d.openAtEnd),
    series.days.map((d) => d.opened),
    series.days.map((d) => d.resolved),
  ];
  const bars = uPlot.paths.bars?.({ size: [0.35, 24], align: 0 });
  const two = (n: number) => String(n).padStart(2, '0');
  const dayLabel = (s: number) => {
    const d = new Date(s * 1000);
    return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}`;
  };
  const plot = new uPlot(
    {
      width,
      height: 260,
      // Not a time scale: uPlot's time ticks go through the browser's default locale and zone (a locale tag
      // like en-US@posix, as headless Linux reports, makes them throw); the days are our own ticks instead.
      // Counts start at zero: uPlot's automatic range started a day of three openings and one close at 1, so
      // the bars' bottoms were cut off and a day's bars could not be compared by height.
      scales: {
        x: { time: false, range: (_u, min, max) => [min - DAY_S / 2, max + DAY_S / 2] },
        y: { range: (_u, _min, max) => [0, max > 0 ? Math.ceil(max * 1.1) : 1] },
      },
      axes: [
        {
          splits: () => xs.filter((_, i) => i % Math.max(1, Math.ceil(xs.length / 8)) === 0),
          values: (_u, splits) => splits.map(dayLabel),
          space: 50,
          grid: { show: false },
        },
        { size: 44, grid: { stroke: '#e6e9ef' } },
      ],
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      series: [
        { value: (_u, v) => (v === null ? '' : dayLabel(v)) },
        { label: words.openAtEnd, stroke: '#0b5394', width: 2.5, points: { show: xs.length < 45 } },
        {
          label: words.opened,
          stroke: '#8a5a00',
          fill: 'rgba(242,169,0,0.45)',
          paths: bars,
          points: { show: false },
        },
        {
          label: words.resolved,
          stroke: '#1b6e3a',
          fill: 'rgba(46,160,90,0.40)',
          paths: uPlot.paths.bars?.({ size: [0.35, 24], align: 1 }),
          points: { show: false },
        },
      ],
    },
    data,
    host,
  );
  return {
    resize: (w) => plot.setSize({ width: w, height: 260 }),
    destroy: () => plot.destroy(),
  };
}
