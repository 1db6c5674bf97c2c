/**
 * Bar charts drawn on the server as SVG with presentation attributes only (the CSP allows no inline style), as the
 * voting results do (`libs/voting/src/web/results-charts.tsx`). A chart is hidden from assistive technology: its
 * figures are in a table beside it, which is its text alternative, and its caption says so.
 */

export interface Bar {
  label: string;
  value: number;
  /** The value as shown at the end of the bar. */
  shown: string;
}

const WIDTH = 400;
const ROW = 48;
const BLUE = '#1d70b8';
const INK = '#0b0c0c';

/** A label that fits the chart's width (the table beside it has it in full). */
const fit = (s: string, max = 42) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** Horizontal bars, each under its label, scaled to the largest value. */
export function BarChart(props: { bars: Bar[] }) {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const room = WIDTH - 90;
  const height = props.bars.length * ROW + 4;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="civitas-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      aria-hidden="true"
      focusable="false"
      font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
      font-size="16"
    >
      {props.bars.map((b, i) => {
        const y = i * ROW;
        const w = b.value > 0 ? Math.max(2, Math.round((b.value / max) * room)) : 0;
        return (
          <g>
            <text x="0" y={y + 16} fill={INK}>
              {fit(b.label)}
            </text>
            {w > 0 ? <rect x="0" y={y + 24} width={w} height="18" fill={BLUE} /> : null}
            <text x={w + 6} y={y + 39} fill={INK}>
              {b.shown}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A chart in a figure whose caption says what it shows and where its figures are. */
export function ChartFigure(props: { caption: string; bars: Bar[] }) {
  return (
    <figure class="govuk-!-margin-0 govuk-!-margin-bottom-6 civitas-figure">
      <BarChart bars={props.bars} />
      <figcaption class="govuk-body-s">{props.caption}</figcaption>
    </figure>
  );
}
