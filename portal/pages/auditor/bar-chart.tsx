import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/**
 * A per-day chart drawn with uPlot (≈ 50 kB, no dependencies, canvas; see docs/portal.md): bars for one
 * series, lines with points for several (one per organisation). The picture is for the eye; the same
 * numbers are in a table beside it (`<details>`), which is what a screen reader reads — the canvas sits in
 * one labelled image.
 */
export type ChartSeries = Readonly<{ label: string; values: readonly number[] }>;

/** Distinguishable for the common colour-vision deficiencies (Okabe–Ito), each ≥ 3:1 against white. */
const COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#56606b", "#7b3294", "#1a1a1a"];
const HEIGHT = 220;

export function BarChart({
  id,
  title,
  summary,
  days,
  series,
  labels,
}: {
  id: string;
  title: string;
  summary: string;
  days: readonly string[];
  series: readonly ChartSeries[];
  labels: Readonly<{ table: string; day: string; total: string; series: string }>;
}) {
  const canvasHolder = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([days, series]);
  useEffect(() => {
    const holder = canvasHolder.current;
    if (!holder) return;
    const bars = series.length === 1;
    const plot = new uPlot(
      {
        width: Math.max(280, holder.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: [-0.5, days.length - 0.5] },
          y: { range: (_, __, max) => [0, Math.max(1, max)] },
        },
        axes: [
          {
            values: (_, splits) =>
              splits.map((split) => (Number.isInteger(split) ? (days[split]?.slice(5) ?? "") : "")),
            space: 36,
            stroke: "#1a1a1a",
          },
          {
            stroke: "#1a1a1a",
            values: (_, splits) => splits.map((split) => (Number.isInteger(split) ? String(split) : "")),
          },
        ],
        series: [
          {},
          ...series.map((one, index) => ({
            label: one.label,
            stroke: COLOURS[index % COLOURS.length]!,
            width: 2,
            ...(bars
              ? {
                  fill: COLOURS[index % COLOURS.length]!,
                  paths: uPlot.paths.bars!({ size: [0.6, 48] }),
                  points: { show: false },
                }
              : { points: { show: true, size: 6 } }),
          })),
        ],
      },
      [days.map((_, index) => index), ...series.map((one) => [...one.values])],
      holder,
    );
    return () => plot.destroy();
  }, [key]);
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <strong>{title}</strong>
      </figcaption>
      <div ref={canvasHolder} role="img" aria-label={`${title}: ${summary}`} data-chart={id} />
      {series.length > 1 ? (
        <ul class="legend" aria-hidden="true">
          {series.map((one, index) => (
            <li key={one.label}>
              <svg viewBox="0 0 10 10" width="12" height="12">
                <rect width="10" height="10" fill={COLOURS[index % COLOURS.length]} />
              </svg>{" "}
              {one.label}
            </li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary>{labels.table}</summary>
        <table data-chart-table={id}>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.series}</th>
              {days.map((day) => (
                <th key={day} scope="col">
                  {day}
                </th>
              ))}
              <th scope="col">{labels.total}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((one) => (
              <tr key={one.label}>
                <th scope="row">{one.label}</th>
                {days.map((day, index) => (
                  <td key={day}>{one.values[index] ?? 0}</td>
                ))}
                <td>{one.values.reduce((sum, value) => sum + value, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
