import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A small line of counts over time (uPlot), for a destination's throughput in a list row. */
export function Sparkline({ at, count, label }: { at: number[]; count: number[]; label: string }) {
  const container = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = new uPlot(
      {
        width: 120,
        height: 28,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [{ show: false }, { show: false }],
        series: [{}, { stroke: '#2563eb', width: 1.5, fill: 'rgba(37, 99, 235, 0.15)', points: { show: false } }],
      },
      [at, count],
      element,
    );
    return () => chart.destroy();
  }, [at, count]);
  return <span ref={container} className="sparkline" role="img" aria-label={label} />;
}

/** Counts of `times` (ms) per minute over the last `minutes`, oldest first, as uPlot's [seconds, counts]. */
export function perMinute(times: number[], now: number, minutes = 60): { at: number[]; count: number[] } {
  const start = Math.floor(now / 60_000) - minutes + 1;
  const count = new Array<number>(minutes).fill(0);
  for (const time of times) {
    const bucket = Math.floor(time / 60_000) - start;
    if (bucket >= 0 && bucket < minutes) count[bucket]! += 1;
  }
  return { at: count.map((_, index) => (start + index) * 60), count };
}
