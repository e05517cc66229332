import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Events per hour as bars (uPlot: 50 KB, canvas, fast with any number of points). */
export function VolumeChart({ at, count }: { at: number[]; count: number[] }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const width = Math.max(280, element.clientWidth);
    const bars = uPlot.paths.bars?.({ size: [0.7, 40] });
    const chart = new uPlot(
      {
        width,
        height: 220,
        legend: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, max * 1.15)] } },
        axes: [{ stroke: '#64748b' }, { stroke: '#64748b', size: 48 }],
        series: [{}, { label: 'events', fill: 'rgba(37, 99, 235, 0.55)', stroke: '#2563eb', width: 1, paths: bars, points: { show: false } }],
      },
      [at, count],
      element,
    );
    const resize = () => chart.setSize({ width: Math.max(280, element.clientWidth), height: 220 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.destroy();
    };
  }, [at, count]);
  return <div ref={container} className="chart" role="img" aria-label={`Events per hour, ${count.reduce((a, b) => a + b, 0)} in total`} />;
}
