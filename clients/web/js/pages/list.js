// All requests, open and closed: filters (body, status, outcome, overdue,
// received between), search, keyset paging ("load more"), and the same
// list as CSV for spreadsheets.  The filters live in the address.
import { get } from '../api.js';
import { h, select } from '../dom.js';
import { t } from '../i18n.js';
import { go, session, setParams, today } from '../app.js';
import { OUTCOME_GROUPS, statusTag, field } from './common.js';

const STATUSES = ['registered', 'awaiting_correction', 'consulting', 'awaiting_payment', 'closed'];

export async function render(main, args, params) {
  const el = {
    q: h('input', { type: 'search', id: 'list-q', name: 'q', maxlength: 200, value: params.get('q') || '', placeholder: t('queue.search') }),
    body_id: session.bodies.length > 1 ? select('body_id', [['', t('queue.all_bodies')], ...session.bodies.map((b) => [String(b.id), b.name])], params.get('body_id') || '', { id: 'list-body' }) : null,
    status: select('status', [['', t('queue.all_statuses')], ...STATUSES.map((s) => [s, t(`status.${s}`)])], params.get('status') || '', { id: 'list-status' }),
    outcome: select('outcome', [['', t('list.all_outcomes')], ...OUTCOME_GROUPS.map(([g, list]) => ({ group: t(`outcomegroup.${g}`), options: list.map((o) => [o, t(`outcome.${o}`)]) })),
      { group: t('outcomegroup.closed_other'), options: ['lapsed_correction', 'lapsed_fee', 'withdrawn'].map((o) => [o, t(`outcome.${o}`)]) }], params.get('outcome') || '', { id: 'list-outcome' }),
    overdue: select('overdue', [['', t('list.any')], ['true', t('list.overdue_only')]], params.get('overdue') || '', { id: 'list-overdue' }),
    received_from: h('input', { type: 'date', id: 'list-from', name: 'received_from', value: params.get('received_from') || '' }),
    received_to: h('input', { type: 'date', id: 'list-to', name: 'received_to', value: params.get('received_to') || '' }),
  };
  const tbody = h('tbody');
  const more = h('button', { type: 'button', id: 'list-more', hidden: true }, t('list.more'));
  // named as the server names it (Content-Disposition): the register and the day, in Chinese like its columns
  const csv = h('a', { class: 'button', id: 'list-csv', download: `申请台账-${today()}.csv`, href: '/api/v1/requests.csv' }, t('list.csv'));
  const count = h('span', { class: 'muted', id: 'list-count', 'aria-live': 'polite' });
  main.append(h('div', { class: 'page-head' }, h('h1', {}, t('list.title')), count, csv),
    h('form', { class: 'toolbar', role: 'search', id: 'list-search', onsubmit: (e) => { e.preventDefault(); load(false); } }, field(t('list.search'), el.q)),
    // the other filters fold away on a phone unless one is set
    h('details', { class: 'filters-box', id: 'list-filters', open: window.innerWidth > 700 || [...params.keys()].some((k) => k !== 'q') },
      h('summary', {}, t('list.filters')),
      h('div', { class: 'toolbar filters' },
        el.body_id ? field(t('intake.body'), el.body_id) : null,
        field(t('col.status'), el.status), field(t('col.outcome'), el.outcome), field(t('list.overdue'), el.overdue),
        field(t('list.received_from'), el.received_from), field(t('list.received_to'), el.received_to))),
    h('div', { class: 'card table-card' }, h('table', { class: 'list', id: 'list-table' },
      h('thead', {}, h('tr', {}, [t('col.tracking'), t('col.applicant'), t('col.received'), t('col.due'), t('col.closed'), t('col.status'), t('col.outcome')].map((x) => h('th', { scope: 'col' }, x)))),
      tbody), h('div', { class: 'actions' }, more)));
  let next = null, shown = 0;
  function filters() {
    const p = new URLSearchParams();
    for (const [k, input] of Object.entries(el)) if (input && input.value.trim()) p.set(k, input.value.trim());
    return p;
  }
  async function load(append) {
    const p = filters();
    setParams(p);
    csv.href = `/api/v1/requests.csv${p.toString() ? `?${p}` : ''}`;
    if (append && next) p.set('after', next);
    const data = await get(`/api/v1/requests?${p}`);
    if (!append) { tbody.replaceChildren(); shown = 0; }
    for (const r of data.requests) {
      shown++;
      tbody.append(h('tr', { class: `row${r.overdue ? ' overdue' : ''}`, 'data-id': r.id, onclick: (e) => { if (!e.target.closest('a')) go(`/request/${r.id}`); } },
        h('td', { class: 'c-no', 'data-label': t('col.tracking') }, h('a', { href: `#/request/${r.id}`, class: 'tracking' }, r.tracking_no),
          session.bodies.length > 1 ? h('div', { class: 'sub' }, r.body_name) : null),
        h('td', { class: 'c-app', 'data-label': t('col.applicant') }, r.applicant.name),
        h('td', { class: 'c-rec', 'data-label': t('col.received') }, r.received_on),
        // the due date stays the due date once closed; the day it was closed has its own column
        h('td', { class: 'c-due', 'data-label': t('col.due') }, r.due_on || t('queue.clock_stopped'),
          r.due_on && r.provisional_deadline ? h('span', { class: 'tag provisional', title: t('request.provisional') }, t('mark.provisional')) : null,
          // a paused clock: the date moves on by the days paused when the pause ends
          r.paused && r.status !== 'closed' ? h('span', { class: 'tag paused', title: t('queue.paused') }, t('mark.paused')) : null,
          r.overdue ? h('span', { class: 'tag overdue' }, t('queue.overdue')) : null,
          r.replied_late ? h('span', { class: 'tag overdue' }, t('list.replied_late')) : null),
        h('td', { class: 'c-closed', 'data-label': t('col.closed') }, r.closed_on || ''),
        h('td', { class: 'c-status', 'data-label': t('col.status') }, statusTag(r)),
        h('td', { class: 'c-out', 'data-label': t('col.outcome') }, r.outcome ? t(`outcome.${r.outcome}`) : '')));
    }
    if (shown === 0) tbody.append(h('tr', {}, h('td', { colspan: 7, class: 'empty' }, t('list.empty'))));
    count.textContent = t(data.next_after ? 'list.count_more' : 'list.count', { n: shown });
    next = data.next_after;
    more.hidden = !next;
  }
  let timer;
  const later = () => { clearTimeout(timer); timer = setTimeout(() => load(false), 300); };
  el.q.addEventListener('input', later);
  for (const input of Object.values(el)) if (input && input !== el.q) input.addEventListener('change', () => load(false));
  more.addEventListener('click', () => load(true));
  await load(false);
}
