import { useT } from '@civitas/web';
import { R } from './results-pages.texts';

/**
 * Charts drawn on the server as SVG with presentation attributes only (the CSP allows no inline style). Each chart is
 * hidden from assistive technology: its figures are in a table on the same page, which is its text alternative, and
 * its caption says so. A chart fills its column up to the width of its drawing (`civitas-chart`), its height following
 * the view box.
 */

export interface Bar {
  label: string;
  value: number;
  /** A bar of a selected project (drawn in blue; the others grey). */
  selected?: boolean;
  /** The value as shown at the end of the bar. */
  shown: string;
}

const WIDTH = 400;
const ROW = 48;
const LINE_GAP = 20;
const BLUE = '#1d70b8';
const GREY = '#505a5f';
const INK = '#0b0c0c';
const RED = '#d4351c';

/** A label that fits the chart's width (the table beside it has it in full). */
const fit = (s: string, max = 42) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/**
 * Horizontal bars, each under its label, scaled to the largest value. `line` draws the funding line after that many
 * bars (the selected projects above it).
 */
export function BarChart(props: { bars: Bar[]; line?: number; lineLabel?: string }) {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const room = WIDTH - 90;
  const hasLine = props.line !== undefined;
  const height = props.bars.length * ROW + (hasLine ? LINE_GAP : 0) + 4;
  const top = (i: number) => i * ROW + (hasLine && i >= props.line! ? LINE_GAP : 0);
  const lineY = hasLine ? top(props.line!) - LINE_GAP / 2 + 2 : 0;
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
        const y = top(i);
        const w = Math.max(2, Math.round((b.value / max) * room));
        return (
          <g>
            <text x="0" y={y + 16} fill={INK}>
              {fit(b.label)}
            </text>
            <rect x="0" y={y + 24} width={w} height="18" fill={b.selected === false ? GREY : BLUE} />
            <text x={w + 6} y={y + 39} fill={INK}>
              {b.shown}
            </text>
          </g>
        );
      })}
      {hasLine ? (
        <g>
          <line x1="0" x2={WIDTH} y1={lineY} y2={lineY} stroke={RED} stroke-width="2" stroke-dasharray="8 5" />
          {props.lineLabel ? (
            <text x={WIDTH} y={lineY - 4} fill={INK} text-anchor="end" font-size="13">
              {props.lineLabel}
            </text>
          ) : null}
        </g>
      ) : null}
    </svg>
  );
}

/** A chart in a figure whose caption says what it shows and where its figures are. */
export function ChartFigure(props: { caption: string; bars: Bar[]; line?: number; lineLabel?: string }) {
  return (
    <figure class="govuk-!-margin-0 govuk-!-margin-bottom-6">
      <BarChart bars={props.bars} line={props.line} lineLabel={props.lineLabel} />
      <figcaption class="govuk-body-s">{props.caption}</figcaption>
    </figure>
  );
}

/**
 * The Method of Equal Shares in a picture: six voters with a share of 100 zł each; three of them support a project of
 * 240 zł and pay 80 zł each. The caption tells the same in words.
 */
export function EqualSharesFigure() {
  const t = useT();
  const voters = [0, 1, 2, 3, 4, 5];
  const x = (i: number) => 35 + i * 66;
  const segment = (k: number) => 70 + k * 87;
  return (
    <figure class="govuk-!-margin-0 govuk-!-margin-bottom-6">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        class="civitas-chart"
        viewBox="0 0 400 230"
        aria-hidden="true"
        focusable="false"
        font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
        font-size="14"
      >
        {voters.map((i) => (
          <g>
            <circle cx={x(i)} cy="26" r="20" fill={i < 3 ? BLUE : '#ffffff'} stroke={i < 3 ? BLUE : GREY} stroke-width="2" />
            <text x={x(i)} y="66" fill={INK} text-anchor="middle">
              {t(R.mesFigureShare)}
            </text>
            {i < 3 ? <line x1={x(i)} y1="74" x2={segment(i) + 43} y2="140" stroke={BLUE} stroke-width="2" /> : null}
          </g>
        ))}
        {[0, 1, 2].map((k) => (
          <g>
            <rect x={segment(k)} y="140" width="86" height="40" fill={BLUE} stroke="#ffffff" stroke-width="2" />
            <text x={segment(k) + 43} y="165" fill="#ffffff" text-anchor="middle">
              {t(R.mesFigurePays)}
            </text>
          </g>
        ))}
        <text x={segment(1) + 43} y="206" fill={INK} text-anchor="middle" font-weight="bold">
          {t(R.mesFigureProject)}
        </text>
      </svg>
      <figcaption class="govuk-body-s">{t(R.mesFigureCaption)}</figcaption>
    </figure>
  );
}
