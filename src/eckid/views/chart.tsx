/**
 * The coverage trend as an SVG line drawn on the server (no script), always with the same
 * numbers in a table beside it: the chart is for the eye, the table for everyone (screen
 * readers, keyboard, print). Y axis 0–100 %, X axis the days that have a snapshot.
 */
import { formatDate, formatNumber, formatPercent } from '../../http/format.js';
import type { TrendPoint } from '../coverage/compute.js';
import { readinessTexts as t } from './texts.js';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 44, right: 16, top: 12, bottom: 28 };

export const TrendChart = (props: { points: TrendPoint[]; id: string }) => {
  const { points } = props;
  if (points.length === 0) return <p>{t.trend.none}</p>;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (share: number) => PAD.top + innerH * (1 - share);
  const line = points.map((point, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(point.coverage.share).toFixed(1)}`).join(' ');
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <div class="trend">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-labelledby={`${props.id}-titel`}>
        <title id={`${props.id}-titel`}>{t.trend.svgTitle(formatPercent(first.coverage.share), formatPercent(last.coverage.share), formatDate(`${last.day}T12:00:00Z`))}</title>
        {[0, 0.25, 0.5, 0.75, 1].map((share) => (
          <g>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(share)} y2={y(share)} stroke="#ccc" stroke-width="1" />
            <text x={PAD.left - 6} y={y(share) + 4} text-anchor="end" font-size="11">{formatPercent(share)}</text>
          </g>
        ))}
        <path d={line} fill="none" stroke="#1d5fa8" stroke-width="2" />
        {points.map((point, i) => <circle cx={x(i)} cy={y(point.coverage.share)} r="3" fill="#1d5fa8" />)}
        <text x={PAD.left} y={HEIGHT - 8} font-size="11">{formatDate(`${first.day}T12:00:00Z`)}</text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} font-size="11" text-anchor="end">{formatDate(`${last.day}T12:00:00Z`)}</text>
      </svg>
      <table>
        <caption>{t.trend.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.trend.day}</th>
            <th scope="col" class="number">{t.trend.pupils}</th>
            <th scope="col" class="number">{t.trend.withEckid}</th>
            <th scope="col" class="number">{t.trend.missing}</th>
            <th scope="col" class="number">{t.trend.share}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr>
              <th scope="row">{formatDate(`${point.day}T12:00:00Z`)}</th>
              <td class="number">{formatNumber(point.coverage.pupils)}</td>
              <td class="number">{formatNumber(point.coverage.withEckid)}</td>
              <td class="number">{formatNumber(point.coverage.missing)}</td>
              <td class="number">{formatPercent(point.coverage.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
