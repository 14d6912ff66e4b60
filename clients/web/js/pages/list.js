// All requests: filters, search, keyset paging, CSV export of the same list.
import { get } from '../api.js';
import { h, select } from '../dom.js';
import { t } from '../i18n.js';
import { go } from '../app.js';
import { statusTag } from './common.js';

const STATUSES = ['registered', 'awaiting_correction', 'consulting', 'awaiting_payment', 'closed'];

export async function render(main) {
  const q = h('input', { type: 'search', id: 'list-q', placeholder: t('queue.search') });
  const status = select('status', [['', '—'], ...STATUSES.map((s) => [s, t(`status.${s}`)])], '', { id: 'list-status' });
  const from = h('input', { type: 'date', id: 'list-from' });
  const to = h('input', { type: 'date', id: 'list-to' });
  const tbody = h('tbody');
  const more = h('button', { id: 'list-more', hidden: true }, t('list.more'));
  const csv = h('a', { class: 'button', id: 'list-csv', download: 'requests.csv' }, t('list.csv'));
  main.append(h('h1', {}, t('list.title')),
    h('div', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'list-q' }, t('queue.search')), q),
      h('div', { class: 'field' }, h('label', { for: 'list-status' }, t('col.status')), status),
      h('div', { class: 'field' }, h('label', { for: 'list-from' }, `${t('col.received')} ≥`), from),
      h('div', { class: 'field' }, h('label', { for: 'list-to' }, `${t('col.received')} ≤`), to),
      csv),
    h('div', { class: 'card' }, h('table', { class: 'list', id: 'list-table' },
      h('thead', {}, h('tr', {}, [t('col.tracking'), t('col.applicant'), t('col.received'), t('col.due'), t('col.status'), t('col.outcome')].map((x) => h('th', {}, x)))),
      tbody), h('div', { class: 'actions' }, more)));
  let next = null;
  function params() {
    const p = new URLSearchParams();
    if (q.value.trim()) p.set('q', q.value.trim());
    if (status.value) p.set('status', status.value);
    if (from.value) p.set('received_from', from.value);
    if (to.value) p.set('received_to', to.value);
    return p;
  }
  async function load(append) {
    const p = params();
    csv.href = `/api/v1/requests.csv?${p}`;
    if (append && next) p.set('after', next);
    const data = await get(`/api/v1/requests?${p}`);
    if (!append) tbody.replaceChildren();
    for (const r of data.requests)
      tbody.append(h('tr', { class: 'row', tabindex: 0, onclick: () => go(`/request/${r.id}`), onkeydown: (e) => { if (e.key === 'Enter') go(`/request/${r.id}`); } },
        h('td', {}, r.tracking_no), h('td', {}, r.applicant.name), h('td', {}, r.received_on), h('td', {}, r.due_on || '—'),
        h('td', {}, statusTag(r)), h('td', {}, r.outcome ? t(`outcome.${r.outcome}`) : '—')));
    next = data.next_after;
    more.hidden = !next;
  }
  let timer;
  for (const el of [q, status, from, to]) el.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => load(false), 250); });
  more.addEventListener('click', () => load(true));
  await load(false);
}
