// Delivery statistics drawn by the portal itself as inline SVG (no chart library, nothing from
// elsewhere): a sparkline per webhook, a volume chart with the success rate over it, and a
// latency chart. Every chart has a text alternative: a summary as its accessible name and the
// numbers in a table behind a toggle. Colours come from the stylesheet, so dark mode recolours.
import { formatTime, h, percent, uid } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function failedCount(stats) {
  const failed = stats?.failed ?? {};
  return ['timeout', 'connection', 'http4xx', 'http5xx', 'other'].reduce((sum, k) => sum + (failed[k] ?? 0), 0);
}

/** "120 attempts, 96 % succeeded" — the sentence a chart stands for. */
export function summary(stats) {
  if (!stats || !stats.attempts) return 'no attempts';
  return `${stats.attempts} attempt${stats.attempts === 1 ? '' : 's'}, ${percent(stats.successRate)} succeeded`;
}

const WINDOW_WORDS = { '24h': 'the last 24 hours', '7d': 'the last 7 days', '30d': 'the last 30 days' };
export function windowWords(window) {
  return WINDOW_WORDS[window] ?? window;
}

function bucketLabel(start, bucket) {
  const date = new Date(start);
  return bucket === 'hour'
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** A 24 h sparkline: one bar per bucket, its failed share on top in the failure colour. */
export function sparkline(stats) {
  const buckets = stats.buckets ?? [];
  const width = 120;
  const height = 28;
  const max = Math.max(1, ...buckets.map((b) => b.attempts ?? 0));
  const step = buckets.length ? width / buckets.length : width;
  const bars = buckets.map((b, i) => {
    const total = b.attempts ?? 0;
    const failed = Math.min(failedCount(b), total);
    const ok = total - failed;
    const okHeight = (ok / max) * (height - 2);
    const failedHeight = (failed / max) * (height - 2);
    const x = i * step + 0.5;
    const w = Math.max(step - 1, 0.8);
    return [
      ok ? s('rect', { class: 'bar-ok', x, y: height - okHeight, width: w, height: okHeight }) : null,
      failed ? s('rect', { class: 'bar-failed', x, y: height - okHeight - failedHeight, width: w, height: failedHeight }) : null,
    ];
  });
  return s('svg', {
    class: 'sparkline', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': `${windowWords(stats.window)}: ${summary(stats.totals)}`,
  }, s('line', { class: 'baseline', x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5 }), bars);
}

const W = 640;
const H = 220;
const PAD = { left: 44, right: 44, top: 14, bottom: 28 };

function frame(buckets, bucket) {
  const plotWidth = W - PAD.left - PAD.right;
  const step = buckets.length ? plotWidth / buckets.length : plotWidth;
  const every = Math.max(1, Math.ceil(buckets.length / 6));
  const ticks = buckets.map((b, i) => (i % every === 0
    ? s('text', { class: 'tick', x: PAD.left + i * step + step / 2, y: H - 8, 'text-anchor': 'middle' },
      bucketLabel(b.start, bucket))
    : null));
  return { step, ticks };
}

function yAxis(max, unit, side = 'left') {
  const plotHeight = H - PAD.top - PAD.bottom;
  const x = side === 'left' ? PAD.left - 6 : W - PAD.right + 6;
  return [0, 0.5, 1].map((f) => {
    const y = PAD.top + plotHeight * (1 - f);
    const value = unit === '%' ? `${Math.round(f * 100)} %` : `${Math.round(max * f)}${unit}`;
    return [
      side === 'left' ? s('line', { class: 'grid', x1: PAD.left, x2: W - PAD.right, y1: y, y2: y }) : null,
      s('text', { class: 'tick', x, y: y + 4, 'text-anchor': side === 'left' ? 'end' : 'start' }, value),
    ];
  });
}

function legend(items) {
  return h('ul', { class: 'chart-legend' },
    items.map(([className, label]) => h('li', {}, h('span', { class: `swatch ${className}`, 'aria-hidden': 'true' }), label)));
}

/** Attempts per bucket (succeeded and failed, stacked) with the success rate drawn over them. */
export function volumeChart(stats) {
  const buckets = stats.buckets ?? [];
  const { step, ticks } = frame(buckets, stats.bucket);
  const plotHeight = H - PAD.top - PAD.bottom;
  const max = Math.max(1, ...buckets.map((b) => b.attempts ?? 0));
  const bars = buckets.map((b, i) => {
    const total = b.attempts ?? 0;
    const failed = Math.min(failedCount(b), total);
    const okHeight = ((total - failed) / max) * plotHeight;
    const failedHeight = (failed / max) * plotHeight;
    const x = PAD.left + i * step + step * 0.15;
    const w = Math.max(step * 0.7, 1);
    const base = PAD.top + plotHeight;
    return [
      okHeight ? s('rect', { class: 'bar-ok', x, y: base - okHeight, width: w, height: okHeight }) : null,
      failedHeight ? s('rect', { class: 'bar-failed', x, y: base - okHeight - failedHeight, width: w, height: failedHeight }) : null,
    ];
  });
  const points = buckets
    .map((b, i) => (b.successRate === null || b.successRate === undefined ? null
      : [PAD.left + i * step + step / 2, PAD.top + plotHeight * (1 - b.successRate)]))
    .filter(Boolean);
  const rate = points.length
    ? [s('polyline', { class: 'line-rate', points: points.map((p) => p.join(',')).join(' ') }),
      points.map(([x, y]) => s('circle', { class: 'dot-rate', cx: x, cy: y, r: 2.5 }))]
    : null;
  const svg = s('svg', {
    class: 'chart volume-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', preserveAspectRatio: 'xMidYMid meet',
    'aria-label': `Attempts and success rate over ${windowWords(stats.window)}: ${summary(stats.totals)}`,
  }, yAxis(max, ''), yAxis(1, '%', 'right'), bars, rate, ticks);
  return chartFigure('Attempts and success rate', svg,
    legend([['bar-ok', 'Succeeded attempts'], ['bar-failed', 'Failed attempts'], ['line-rate', 'Success rate (right axis)']]),
    numbersTable(stats, 'volume'), 'volume');
}

/** Latency percentiles per bucket, one line each. */
export function latencyChart(stats) {
  const buckets = stats.buckets ?? [];
  const { step, ticks } = frame(buckets, stats.bucket);
  const plotHeight = H - PAD.top - PAD.bottom;
  const values = buckets.flatMap((b) => ['p50', 'p95', 'p99'].map((p) => b.latencyMs?.[p])).filter((v) => v !== null && v !== undefined);
  const max = Math.max(1, ...values);
  const lines = ['p50', 'p95', 'p99'].map((p) => {
    const points = buckets
      .map((b, i) => (b.latencyMs?.[p] === null || b.latencyMs?.[p] === undefined ? null
        : [PAD.left + i * step + step / 2, PAD.top + plotHeight * (1 - b.latencyMs[p] / max)]))
      .filter(Boolean);
    return points.length
      ? [s('polyline', { class: `line-${p}`, points: points.map((pt) => pt.join(',')).join(' ') }),
        points.map(([x, y]) => s('circle', { class: `dot-${p}`, cx: x, cy: y, r: 2 }))]
      : null;
  });
  const totals = stats.totals?.latencyMs;
  const label = totals?.p50 === null || totals?.p50 === undefined
    ? `Latency over ${windowWords(stats.window)}: no responses timed`
    : `Latency over ${windowWords(stats.window)}: p50 ${totals.p50} ms, p95 ${totals.p95} ms, p99 ${totals.p99} ms`;
  const svg = s('svg', {
    class: 'chart latency-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', preserveAspectRatio: 'xMidYMid meet',
    'aria-label': label,
  }, yAxis(max, ' ms'), lines, ticks);
  return chartFigure('Latency', svg,
    legend([['line-p50', 'p50'], ['line-p95', 'p95'], ['line-p99', 'p99']]),
    numbersTable(stats, 'latency'), 'latency');
}

function chartFigure(title, svg, legendList, table, kind) {
  const tableId = uid('numbers');
  // the table may be wider than a phone: it scrolls in its own box, which keyboard users can focus
  const wrapper = h('div', {
    class: 'chart-numbers', id: tableId, hidden: true, tabindex: 0, role: 'region', 'aria-label': `${title}: the numbers`,
  }, table);
  const toggle = h('button', {
    type: 'button', class: 'numbers-toggle link-button', 'aria-expanded': 'false', 'aria-controls': tableId,
    'data-focus-key': `numbers-${kind}`,
    onclick: () => {
      const open = toggle.getAttribute('aria-expanded') === 'true';
      toggle.setAttribute('aria-expanded', String(!open));
      toggle.firstChild.textContent = open ? 'Show the numbers' : 'Hide the numbers';
      wrapper.hidden = open;
    },
  }, 'Show the numbers', h('span', { class: 'visually-hidden' }, ` of the ${title.toLowerCase()} chart`));
  return h('figure', { class: `chart-figure chart-${kind}` },
    h('figcaption', {}, title), h('div', { class: 'chart-box' }, svg), legendList, toggle, wrapper);
}

function numbersTable(stats, kind) {
  const bucketWord = stats.bucket === 'hour' ? 'Hour starting' : 'Day starting';
  const head = kind === 'volume'
    ? [bucketWord, 'Attempts', 'Succeeded', 'Failed', 'Timeout', 'Connection', '4xx', '5xx', 'Other', 'Success rate']
    : [bucketWord, 'Attempts', 'p50', 'p95', 'p99'];
  const cells = (b) => (kind === 'volume'
    ? [b.attempts ?? 0, b.succeeded ?? 0, failedCount(b), b.failed?.timeout ?? 0, b.failed?.connection ?? 0,
      b.failed?.http4xx ?? 0, b.failed?.http5xx ?? 0, b.failed?.other ?? 0, percent(b.successRate)]
    : [b.attempts ?? 0, ms(b.latencyMs?.p50), ms(b.latencyMs?.p95), ms(b.latencyMs?.p99)]);
  return h('table', { class: `numbers numbers-${kind}` },
    h('caption', {}, `${kind === 'volume' ? 'Attempts' : 'Latency'} per ${stats.bucket}, ${windowWords(stats.window)}`),
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, (stats.buckets ?? []).map((b) => h('tr', {},
      h('th', { scope: 'row' }, h('time', { datetime: b.start, title: formatTime(b.start) }, bucketLabel(b.start, stats.bucket))),
      cells(b).map((c) => h('td', {}, String(c)))))),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Whole window'),
      cells(stats.totals ?? {}).map((c) => h('td', {}, String(c))))));
}

function ms(value) {
  return value === null || value === undefined ? '—' : `${value} ms`;
}
