// The audit log (审计日志), for auditors and administrators: who changed
// which user, role, body, calendar day, report input or remedy record, when,
// and each field before and after in words (a role by its name, a body by
// its name, yes or no), newest first; filtered by entity (kept in
// the address) and paged with "more" (GET /api/v1/audit, keyset by id).
import { get } from '../api.js';
import { h, select } from '../dom.js';
import { t, dicts, lang } from '../i18n.js';
import { setParams, bodyName } from '../app.js';
import { field } from './common.js';

const ENTITIES = ['user', 'role', 'body', 'calendar', 'report', 'reconsideration', 'litigation', 'litigation_instance', 'attachment', 'register_import'];

// A stored action ("grant", "inputs 2024") in words when the dictionary has them, else as stored.
function actionText(action) {
  const [, verb, year] = /^(inputs|lock) (\d{4})$/.exec(action) || [];
  if (verb) return t(`audit.action.${verb}`, { year });
  const key = `audit.action.${action.replaceAll(' ', '_')}`;
  return dicts[lang][key] !== undefined ? t(key) : action;
}

// A field of a row by its name in words: the audit log's own labels, a remedy
// record's (rf.*), else — a field a newer server added — its stored name.
function fieldLabel(k) {
  for (const key of [`audit.field.${k}`, `rf.${k}`]) if (dicts.zh[key] !== undefined) return t(key);
  return k;
}
const DAY_KINDS = { holiday: 'cal.kind.off', workday: 'cal.kind.makeup', rule: 'cal.edit.rule' };
// A value in words: roles, bodies, day kinds and flags by name; lists joined.
function valueText(k, v) {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  if (k === 'role' && dicts.zh[`role.${v}`] !== undefined) return t(`role.${v}`);
  if ((k === 'body_id' || k === 'parent_id') && typeof v === 'number') return bodyName(v);
  if (k === 'user_id' && typeof v === 'number') return t('audit.user_no', { n: v });
  if (k === 'kind' && DAY_KINDS[v]) return t(DAY_KINDS[v]);
  if (k === 'password' && dicts.zh[`audit.password.${v}`] !== undefined) return t(`audit.password.${v}`);
  if (k === 'format' && dicts.zh[`report.format.${v}`] !== undefined) return t(`report.format.${v}`);
  if (k === 'days' && Array.isArray(v)) return t('audit.n_days', { n: v.length });
  if (k === 'roles' && Array.isArray(v)) return v.map((g) => `${bodyName(g.body_id)} ${t(`role.${g.role}`)}`).join('、') || '—';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('、');
  // a whole form of figures (a report's inputs): how many of them changed is said by the caller
  if (typeof v === 'object') return t('audit.n_items', { n: Object.keys(v).length });
  return String(v);
}
// How many leaves of two objects differ (a report's inputs: sections of figures and texts).
function changedLeaves(a, b) {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b))
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].reduce((n, k) => n + changedLeaves(a[k], b[k]), 0);
  if (a && typeof a === 'object' && !Array.isArray(a) && b == null) return changedLeaves(a, {});
  if (b && typeof b === 'object' && !Array.isArray(b) && a == null) return changedLeaves({}, b);
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null) ? 0 : 1;
}
// What changed, field by field in words: "角色：登记员 → 管理员"; a field that
// did not change is left out; one present on one side only shows "—" on the other.
function change(e) {
  const before = e.old_value && typeof e.old_value === 'object' ? e.old_value : {};
  const after = e.new_value && typeof e.new_value === 'object' ? e.new_value : {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => !['id', 'manageable'].includes(k) && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
  if (!keys.length) return h('span', { class: 'muted' }, e.old_value === null && e.new_value === null ? '' : t('audit.no_change'));
  const one = e.old_value === null || e.new_value === null; // a row made or removed: its values, no arrows
  return h('ul', { class: 'audit-change' }, keys.map((k) => {
    const a = before[k], b = after[k];
    const nested = (a && typeof a === 'object' && !Array.isArray(a)) || (b && typeof b === 'object' && !Array.isArray(b));
    const text = nested ? t('audit.n_changed', { n: changedLeaves(a, b) })
      : one ? valueText(k, e.new_value === null ? a : b) : `${valueText(k, a)} → ${valueText(k, b)}`;
    return h('li', { 'data-key': k }, h('span', { class: 'k' }, `${fieldLabel(k)}${lang === 'en' ? ': ' : '：'}`), text);
  }));
}

// Who: a person by name (with the login name when it differs), or the system and which part of it.
function actorText(e) {
  if (e.actor_id === null) {
    const key = `audit.system.${e.actor}`;
    return h('span', { class: 'system' }, dicts.zh[key] !== undefined ? t(key) : t('audit.system', { what: e.actor }));
  }
  const name = e.actor_name || e.actor;
  return [name, name !== e.actor ? h('div', { class: 'sub' }, e.actor) : null];
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
        h('td', { 'data-label': t('audit.actor'), class: 'c-actor' }, actorText(e)),
        h('td', { 'data-label': t('audit.entity') }, `${t(`audit.entity.${e.entity}`)} ${e.entity_id}`,
          e.body_name ? h('div', { class: 'sub' }, e.body_name) : null),
        h('td', { 'data-label': t('audit.action') }, actionText(e.action)),
        h('td', { 'data-label': t('audit.change'), class: 'c-change' }, change(e))));
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
