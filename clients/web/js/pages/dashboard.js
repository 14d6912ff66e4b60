// The district dashboard (辖区办理情况, issue 16): for an approver or admin,
// the bodies of a body's subtree worst first (overdue, due within 3 working
// days, replied late this year, under 督办), as the API orders them, with two
// charts drawn here as SVG (no library): the applications received per month
// of the year and each body's on-time rate.  The charts carry their figures
// as text, so they read on paper in black and white too.  #/dashboard/ID?year=Y
import { get } from '../api.js';
import { h, select } from '../dom.js';
import { t, lang } from '../i18n.js';
import { session, can, today, go } from '../app.js';
import { dateWithWeekday } from './common.js';

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

// The bodies whose dashboard the caller reads: approver or admin on it or above; the top-most first.
export function dashboardBodies() {
  return session.bodies.filter((b) => can('approver', b.id)).sort((a, b) => (a.path?.length || 1) - (b.path?.length || 1));
}

const pct = (x) => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);

export async function render(main, args, params) {
  const mine = dashboardBodies();
  if (!mine.length) { main.append(h('div', { class: 'problem', id: 'dashboard-none' }, t('dash.none'))); return; }
  const thisYear = Number(today().slice(0, 4));
  const bodyId = mine.some((b) => b.id === Number(args[0])) ? Number(args[0]) : mine[0].id;
  const year = Number(params.get('year')) >= 2008 && Number(params.get('year')) <= thisYear ? Number(params.get('year')) : thisYear;
  const years = [];
  for (let y = thisYear; y >= Math.max(2008, thisYear - 9); y--) years.push([String(y), t('dash.year', { y })]);
  const bodySel = mine.length > 1 ? select('body', mine.map((b) => [String(b.id), b.name]), String(bodyId), { id: 'dash-body', 'aria-label': t('intake.body') }) : null;
  const yearSel = select('year', years, String(year), { id: 'dash-year', 'aria-label': t('dash.year_label') });
  const move = () => go(`/dashboard/${bodySel ? bodySel.value : bodyId}${yearSel.value !== String(thisYear) ? `?year=${yearSel.value}` : ''}`);
  bodySel?.addEventListener('change', move);
  yearSel.addEventListener('change', move);

  const d = await get(`/api/v1/bodies/${bodyId}/dashboard?year=${year}`);
  const name = mine.find((b) => b.id === bodyId)?.name || String(bodyId);
  document.title = `${t('dash.title')} · ${t('app.title')}`;
  main.append(
    h('div', { class: 'page-head' }, h('h1', { id: 'dash-title' }, t('dash.title')),
      h('span', { class: 'muted', id: 'dash-asof' }, t('dash.as_of', { name, year: d.year, date: dateWithWeekday(d.today) })),
      h('button', { type: 'button', class: 'no-print', id: 'dash-print', onclick: () => window.print() }, t('dash.print'))),
    h('div', { class: 'toolbar no-print' }, bodySel, yearSel),
    totals(d.totals, d.year),
    table(d),
    h('div', { class: 'grid two charts' },
      h('section', { class: 'card chart', id: 'chart-months', 'aria-labelledby': 'chart-months-h' },
        h('h2', { id: 'chart-months-h' }, t('dash.chart_months', { year: d.year })), monthsChart(d.months)),
      h('section', { class: 'card chart', id: 'chart-rate', 'aria-labelledby': 'chart-rate-h' },
        h('h2', { id: 'chart-rate-h' }, t('dash.chart_rate', { year: d.year })), rateChart(d.bodies),
        h('p', { class: 'hint' }, t('dash.rate_hint')))));
}

function totals(x, year) {
  const tile = (key, n, cls) => h('div', { class: `tile ${cls || ''}`, 'data-key': key }, h('div', { class: 'n' }, n), h('div', { class: 'label' }, t(`dash.${key}`, { year })));
  return h('div', { class: 'tiles', id: 'dash-totals' },
    tile('open', x.open), tile('due_soon', x.due_soon, x.due_soon ? 'soon' : ''), tile('overdue', x.overdue, x.overdue ? 'alarm' : ''),
    tile('replied_late', x.replied_late, x.replied_late ? 'alarm' : ''), tile('supervised', x.supervised), tile('on_time_rate', pct(x.on_time_rate)));
}

function table(d) {
  const cols = ['open', 'due_soon', 'overdue', 'replied_late', 'supervised', 'replied', 'on_time_rate'];
  const cell = (b, k) => {
    const v = k === 'on_time_rate' ? pct(b[k]) : b[k];
    const alarm = (k === 'overdue' || k === 'replied_late') && b[k] > 0;
    return h('td', { class: `num c-${k}${alarm ? ' alarm' : ''}`, 'data-label': t(`dash.${k}`, { year: d.year }) }, v);
  };
  return h('div', { class: 'card table-card' },
    h('table', { class: 'list dash', id: 'dash-table' },
      h('caption', { class: 'sr-only' }, t('dash.caption')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dash.body')), cols.map((k) => h('th', { scope: 'col', class: 'num' }, t(`dash.${k}`, { year: d.year }))))),
      h('tbody', {}, d.bodies.map((b) => h('tr', { class: `row${b.overdue ? ' overdue' : ''}`, 'data-id': b.id },
        h('th', { scope: 'row', class: 'c-name' }, h('a', { href: `#/queue?body=${b.id}` }, b.name), b.id === d.body_id ? h('span', { class: 'muted' }, ` ${t('dash.itself')}`) : null),
        cols.map((k) => cell(b, k)))))));
}

// Applications received per month: twelve bars, each with its count above it.
function monthsChart(months) {
  const W = 600, H = 240, left = 36, bottom = 28, top = 18, right = 8;
  const max = Math.max(1, ...months);
  const step = niceStep(max);
  const ceil = Math.ceil(max / step) * step;
  const bw = (W - left - right) / 12;
  const y = (v) => H - bottom - (v / ceil) * (H - bottom - top);
  const total = months.reduce((a, b) => a + b, 0);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'svg-chart', role: 'img', id: 'svg-months', 'aria-label': t('dash.months_label', { n: total }) },
    s('title', {}, t('dash.months_label', { n: total })));
  for (let v = 0; v <= ceil; v += step) {
    svg.append(s('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: v ? 'grid' : 'axis' }),
      s('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, v));
  }
  months.forEach((n, i) => {
    const x = left + i * bw + bw * 0.15;
    const g = s('g', { class: 'bar', 'data-month': i + 1, 'data-n': n });
    g.append(s('title', {}, t('dash.month_bar', { m: i + 1, n })));
    if (n > 0) g.append(s('rect', { x, y: y(n), width: bw * 0.7, height: y(0) - y(n) }));
    g.append(s('text', { x: x + bw * 0.35, y: y(n) - 4, 'text-anchor': 'middle', class: 'value' }, n),
      s('text', { x: x + bw * 0.35, y: H - bottom + 16, 'text-anchor': 'middle', class: 'tick' }, lang === 'en' ? MONTHS_EN[i] : `${i + 1}月`));
    svg.append(g);
  });
  return svg;
}
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function niceStep(max) {
  for (const s of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]) if (max / s <= 5) return s;
  return Math.pow(10, Math.ceil(Math.log10(max / 5)));
}

// The on-time rate per body: a horizontal bar from 0 to 100%, the figure after it; no replies, no bar.
function rateChart(bodies) {
  const W = 600, row = 28, top = 8, nameW = 190, right = 70;
  const H = top + row * bodies.length + 22;
  const x = (r) => nameW + r * (W - nameW - right);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'svg-chart', role: 'img', id: 'svg-rate', 'aria-label': t('dash.rate_label') },
    s('title', {}, t('dash.rate_label')));
  for (const v of [0, 0.5, 1]) svg.append(s('line', { x1: x(v), x2: x(v), y1: top, y2: H - 20, class: v ? 'grid' : 'axis' }),
    s('text', { x: x(v), y: H - 6, 'text-anchor': 'middle', class: 'tick' }, `${v * 100}%`));
  bodies.forEach((b, i) => {
    const cy = top + i * row;
    const g = s('g', { class: `bar${b.on_time_rate !== null && b.on_time_rate < 1 ? ' late' : ''}`, 'data-id': b.id, 'data-rate': b.on_time_rate ?? '' });
    const label = b.name.length > 12 ? `${b.name.slice(0, 11)}…` : b.name;
    g.append(s('title', {}, `${b.name}: ${b.on_time_rate === null ? t('dash.no_replies') : pct(b.on_time_rate)}`),
      s('text', { x: nameW - 8, y: cy + row / 2 + 4, 'text-anchor': 'end', class: 'name' }, label));
    if (b.on_time_rate !== null) {
      g.append(s('rect', { x: x(0), y: cy + 5, width: Math.max(1, x(b.on_time_rate) - x(0)), height: row - 10 }),
        s('text', { x: x(b.on_time_rate) + 6, y: cy + row / 2 + 4, class: 'value' }, `${pct(b.on_time_rate)} (${b.replied - b.replied_late}/${b.replied})`));
    } else {
      g.append(s('text', { x: x(0) + 6, y: cy + row / 2 + 4, class: 'value muted' }, t('dash.no_replies')));
    }
    svg.append(g);
  });
  return svg;
}
