// The work queue (home page): open requests by due date in three bands.
import { get } from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { go } from '../app.js';
import { statusTag, leftText } from './common.js';

export async function render(main, args) {
  let selected = args[0] || 'all';
  const search = h('input', { type: 'search', id: 'queue-search', placeholder: t('queue.search'), 'aria-label': t('queue.search') });
  const bandsEl = h('div', { class: 'bands' });
  const tableWrap = h('div', { class: 'card' });
  main.append(h('h1', {}, t('queue.title')), h('div', { class: 'toolbar' }, search), bandsEl, tableWrap);
  let data = null;

  async function load() {
    const q = search.value.trim();
    data = await get(`/api/v1/queue${q ? `?q=${encodeURIComponent(q)}` : ''}`);
    draw();
  }
  function draw() {
    clear(bandsEl);
    for (const b of ['overdue', 'due_soon', 'later']) {
      bandsEl.append(h('div', {
        class: `band ${b} ${selected === b ? 'selected' : ''}`, id: `band-${b}`, tabindex: 0, role: 'button',
        onclick: () => { selected = selected === b ? 'all' : b; draw(); },
      }, h('div', { class: 'n' }, data.counts[b]), h('div', {}, t(`queue.${b}`))));
    }
    clear(tableWrap);
    const rows = [];
    for (const b of ['overdue', 'due_soon', 'later'])
      if (selected === 'all' || selected === b) for (const r of data[b]) rows.push([b, r]);
    if (rows.length === 0) { tableWrap.append(h('p', { class: 'muted' }, t('queue.empty'))); return; }
    tableWrap.append(h('table', { class: 'list', id: 'queue-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('col.tracking')), h('th', {}, t('col.applicant')),
        h('th', { class: 'wide' }, t('col.received')), h('th', {}, t('col.due')), h('th', {}, t('col.left')),
        h('th', { class: 'wide' }, t('col.status')))),
      h('tbody', {}, rows.map(([b, r]) => h('tr', {
        class: 'row', tabindex: 0, 'data-id': r.id,
        onclick: () => go(`/request/${r.id}`),
        onkeydown: (e) => { if (e.key === 'Enter') go(`/request/${r.id}`); },
      }, h('td', {}, r.tracking_no), h('td', {}, r.applicant.name), h('td', { class: 'wide' }, r.received_on),
      h('td', {}, r.attention_on || r.due_on || '—'),
      h('td', {}, h('span', { class: `tag ${b}` }, leftText(r))), h('td', { class: 'wide' }, statusTag(r)))))));
  }
  let timer;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 250); });
  await load();
}
