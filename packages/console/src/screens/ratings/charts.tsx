/**
 * Small SVG charts drawn from `d3-scale` and `d3-shape` geometry: attributes only (no inline
 * styles, nothing injected at run time), so they live under the console's strict CSP. Colours come
 * from classes in ratings.css. Every chart is an image with a title and is shown beside a table of
 * the same figures, which is what assistive technology reads.
 */
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 16, bottom: 36, left: 36 };

export interface LineSeries {
  id: string;
  label: string;
  /** One value per x label; `null` leaves a gap (no ratings that month). */
  values: readonly (number | null)[];
}

/** Lines over shared x labels (months), y from 1 to 5. */
export function LineChart({
  id,
  title,
  labels,
  labelText = (label) => label,
  series,
}: {
  id: string;
  title: string;
  labels: readonly string[];
  /** How an x label reads under the axis (the labels themselves stay the keys, e.g. `2026-01`). */
  labelText?: (label: string) => string;
  series: readonly LineSeries[];
}) {
  const x = scalePoint<string>()
    .domain(labels)
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([1, 5])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => x(labels[i] ?? '') ?? 0)
    .y((v) => y(v ?? 1));
  const step = Math.max(1, Math.ceil(labels.length / 6));
  return (
    <figure class="chart">
      <svg
        class="chart-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{title}</title>
        {[1, 2, 3, 4, 5].map((tick) => (
          <g key={tick}>
            <line class="chart-grid" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text class="chart-tick" x={MARGIN.left - 8} y={y(tick) + 4} text-anchor="end">
              {tick}
            </text>
          </g>
        ))}
        {labels.map((label, i) =>
          i % step === 0 ? (
            <text
              key={label}
              class="chart-tick"
              x={x(label)}
              y={HEIGHT - MARGIN.bottom + 20}
              text-anchor="middle"
            >
              {labelText(label)}
            </text>
          ) : null,
        )}
        {series.map((s, i) => (
          <g key={s.id} class={`chart-series chart-series--${i % 6}`}>
            <path class="chart-line" d={path([...s.values]) ?? ''} fill="none" />
            {s.values.map((v, j) =>
              v === null ? null : (
                <circle key={labels[j]} class="chart-dot" cx={x(labels[j] ?? '')} cy={y(v)} r={3} />
              ),
            )}
          </g>
        ))}
      </svg>
      <figcaption class="chart-legend">
        {series.map((s, i) => (
          <span key={s.id} class="chart-legend-item">
            <svg class="chart-swatch" viewBox="0 0 12 12" aria-hidden="true">
              <rect class={`chart-series--${i % 6} chart-swatch-fill`} width="12" height="12" />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Vertical bars, one per label. */
export function BarChart({
  id,
  title,
  bars,
}: {
  id: string;
  title: string;
  bars: readonly { label: string; value: number }[];
}) {
  const x = scaleBand<string>()
    .domain(bars.map((b) => b.label))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.25);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  return (
    <figure class="chart">
      <svg class="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`}>
        <title id={`${id}-title`}>{title}</title>
        {y.ticks(4).map((tick) => (
          <g key={tick}>
            <line class="chart-grid" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text class="chart-tick" x={MARGIN.left - 8} y={y(tick) + 4} text-anchor="end">
              {tick}
            </text>
          </g>
        ))}
        {bars.map((b) => (
          <g key={b.label}>
            <rect
              class="chart-bar"
              x={x(b.label)}
              y={y(b.value)}
              width={x.bandwidth()}
              height={Math.max(0, y(0) - y(b.value))}
            />
            <text
              class="chart-tick"
              x={(x(b.label) ?? 0) + x.bandwidth() / 2}
              y={HEIGHT - MARGIN.bottom + 20}
              text-anchor="middle"
            >
              {b.label}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
