import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatMinor } from '../lib/format.ts';
import type { EarningsSeries } from '../lib/earnings.ts';

/** Distinct line colours, readable on white; a chart draws at most `earningsSeries`' six lines. */
const COLOURS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#64748b'];

/**
 * Money per day, one line per partner or program (uPlot, as the overview's volume chart: 50 KB,
 * canvas). Amounts stay integer minor units; only the axis and legend format them.
 */
export function EarningsChart({ series, currency, nameOf, label }: { series: EarningsSeries; currency: string; nameOf: (id: number | null) => string; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  // nameOf is a new function on every render; the chart is redrawn only when a name changes.
  const labels = series.lines.map((line) => nameOf(line.id));
  const labelKey = labels.join('\u0000');
  useEffect(() => {
    const element = container.current;
    if (!element || series.lines.length === 0) return;
    const money = (value: number | null) => (value === null ? '—' : formatMinor(Math.round(value), currency));
    const chart = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height: 240,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
        axes: [{ stroke: '#64748b' }, { stroke: '#64748b', size: 96, values: (_u, splits) => splits.map((value) => money(value)) }],
        series: [
          {},
          ...series.lines.map((line, position) => ({
            label: labels[position],
            stroke: COLOURS[position % COLOURS.length],
            width: 2,
            points: { show: true, size: 5 },
            value: (_u: uPlot, value: number | null) => money(value),
          })),
        ],
      },
      [series.at, ...series.lines.map((line) => line.values)],
      element,
    );
    const resize = () => chart.setSize({ width: Math.max(280, element.clientWidth), height: 240 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.destroy();
    };
  }, [series, currency, labelKey]); // labelKey stands for labels
  const total = series.lines.reduce((sum, line) => sum + line.total, 0);
  return <div ref={container} className="chart" role="img" aria-label={`${label}: ${formatMinor(total, currency)} in total`} />;
}
