/**
 * A stacked bar chart per day, drawn as SVG by the page itself: a handful of bars over at most a few weeks
 * needs no charting library (see docs/portal.md). The picture is for the eye; the same numbers are in a
 * table beside it (`<details>`), which is what a screen reader reads — the SVG is one labelled image.
 */
export type ChartSeries = Readonly<{ label: string; values: readonly number[] }>;

/** Distinguishable for the common colour-vision deficiencies (Okabe–Ito), each ≥ 3:1 against white. */
const COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#56606b", "#7b3294", "#1a1a1a"];
const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 40;
const BOTTOM = 40;

export function BarChart({ id, title, summary, days, series, labels }: { id: string; title: string; summary: string; days: readonly string[]; series: readonly ChartSeries[]; labels: Readonly<{ table: string; day: string; total: string; series: string }> }) {
  const totals = days.map((_, index) => series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0));
  const maximum = Math.max(1, ...totals);
  const slot = (WIDTH - LEFT) / Math.max(1, days.length);
  const barWidth = Math.max(4, slot * 0.6);
  const scale = (HEIGHT - BOTTOM - 10) / maximum;
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}><strong>{title}</strong></figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${summary}`} data-chart={id}>
        <line x1={LEFT} y1={HEIGHT - BOTTOM} x2={WIDTH} y2={HEIGHT - BOTTOM} stroke="#4a4a4a" />
        <text x={LEFT - 6} y={HEIGHT - BOTTOM} text-anchor="end" font-size="12" fill="#1a1a1a">0</text>
        <text x={LEFT - 6} y={HEIGHT - BOTTOM - maximum * scale + 4} text-anchor="end" font-size="12" fill="#1a1a1a">{maximum}</text>
        {days.map((day, index) => {
          let top = HEIGHT - BOTTOM;
          const x = LEFT + index * slot + (slot - barWidth) / 2;
          return (
            <g key={day}>
              {series.map((one, seriesIndex) => {
                const height = (one.values[index] ?? 0) * scale;
                top -= height;
                return height > 0 ? <rect key={one.label} x={x} y={top} width={barWidth} height={height} fill={COLOURS[seriesIndex % COLOURS.length]} /> : null;
              })}
              <text x={x + barWidth / 2} y={HEIGHT - BOTTOM + 16} text-anchor="middle" font-size="11" fill="#1a1a1a">{day.slice(5)}</text>
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <ul class="legend" aria-hidden="true">
          {series.map((one, index) => (
            <li key={one.label}><svg viewBox="0 0 10 10" width="12" height="12"><rect width="10" height="10" fill={COLOURS[index % COLOURS.length]} /></svg> {one.label}</li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary>{labels.table}</summary>
        <table data-chart-table={id}>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr><th scope="col">{labels.series}</th>{days.map((day) => <th key={day} scope="col">{day}</th>)}<th scope="col">{labels.total}</th></tr>
          </thead>
          <tbody>
            {series.map((one) => (
              <tr key={one.label}><th scope="row">{one.label}</th>{days.map((day, index) => <td key={day}>{one.values[index] ?? 0}</td>)}<td>{one.values.reduce((sum, value) => sum + value, 0)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
