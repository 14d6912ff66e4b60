// The audit log (审计日志), for auditors and administrators: who changed
// which user, role, body, calendar day, report input or remedy record, when,
// and the values before and after, newest first; filtered by entity (kept in
// the address) and paged with "more" (GET /api/v1/audit, keyset by id).
import { get } from '../api.js';
import { h, select } from '../dom.js';
import { t, dicts, lang } from '../i18n.js';
import { setParams } from '../app.js';
import { field } from './common.js';

const ENTITIES = ['user', 'role', 'body', 'calendar', 'report', 'reconsideration', 'litigation', 'litigation_instance'];

// A stored action ("grant", "inputs 2024") in words when the dictionary has them, else as stored.
function actionText(action) {
  const [, verb, year] = /^(inputs|lock) (\d{4})$/.exec(action) || [];
  if (verb) return t(`audit.action.${verb}`, { year });
  const key = `audit.action.${action.replaceAll(' ', '_')}`;
  return dicts[lang][key] !== undefined ? t(key) : action;
}

// old → new, compact JSON; a value absent on one side is shown as "—".
function change(e) {
  const show = (v) => (v === null ? '—' : JSON.stringify(v));
  return h('code', { class: 'audit-change' }, `${show(e.old_value)} → ${show(e.new_value)}`);
}

export async function render(main, args, params) {
  const entity = select('entity', [['', t('audit.all_entities')], ...ENTITIES.map((x) => [x, t(`audit.entity.${x}`)])],
    params.get('entity') || '', { id: 'audit-entity' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', id: 'audit-more', hidden: true }, t('audit.more'));
  const count = h('span', { class: 'muted', id: 'audit-count', 'aria-live': 'polite' });
  main.append(h('div', { class: 'page-head' }, h('h1', {}, t('audit.title')), count),
    h('p', { class: 'muted' }, t('audit.intro')),
    h('div', { class: 'toolbar filters' }, field(t('audit.entity'), entity)),
    h('div', { class: 'card table-card' }, h('table', { class: 'list audit-log', id: 'audit-table' },
      h('thead', {}, h('tr', {}, [t('audit.at'), t('audit.actor'), t('audit.entity'), t('audit.action'), t('audit.change')]
        .map((x) => h('th', { scope: 'col' }, x)))),
      tbody), h('div', { class: 'actions' }, more)));
  let next = null, shown = 0;
  async function load(append) {
    const p = new URLSearchParams();
    if (entity.value) p.set('entity', entity.value);
    setParams(p);
    if (append && next) p.set('before', next);
    const data = await get(`/api/v1/audit?${p}`);
    if (!append) { tbody.replaceChildren(); shown = 0; }
    for (const e of data.entries) {
      shown++;
      tbody.append(h('tr', { class: 'entry', 'data-id': e.id, 'data-entity': e.entity },
        h('td', { 'data-label': t('audit.at') }, e.at.slice(0, 19).replace('T', ' ')),
        h('td', { 'data-label': t('audit.actor') }, e.actor),
        h('td', { 'data-label': t('audit.entity') }, `${t(`audit.entity.${e.entity}`)} ${e.entity_id}`,
          e.body_name ? h('div', { class: 'sub' }, e.body_name) : null),
        h('td', { 'data-label': t('audit.action') }, actionText(e.action)),
        h('td', { 'data-label': t('audit.change') }, change(e))));
    }
    if (shown === 0) tbody.append(h('tr', {}, h('td', { colspan: 5, class: 'empty' }, t('audit.empty'))));
    count.textContent = t(data.next ? 'audit.count_more' : 'audit.count', { n: shown });
    next = data.next;
    more.hidden = !next;
  }
  entity.addEventListener('change', () => load(false));
  more.addEventListener('click', () => load(true));
  await load(false);
}
