// 文书用语, a section of 本机关设置: an office rewrites a paragraph of its
// letters without a release (GET/PUT /api/v1/bodies/{id}/letter-templates).
// The templates come grouped by letter under plain names, each with its
// default text, the office's own text, the fields it may use as buttons that
// insert 「{field}」 at the cursor, a save (the whole set PUT back with this
// paragraph changed: the API's refusal said next to it) and 「恢复默认」.
import { api } from '../api.js';
import { h, toast } from '../dom.js';
import { dicts, lang, t } from '../i18n.js';
import { go } from '../app.js';
import { setFieldError, errorMessage } from './common.js';

// the groups in the order of settings' letter kinds, the common paragraphs first
const GROUPS = ['common', 'receipt', 'reply', 'ground', 'correction_notice', 'extension_notice', 'delay_notice',
  'third_party_consultation', 'consultation_notice', 'body_consultation', 'override_notice', 'fee_notice'];

// A text of the dictionaries, or the API's own words for one the client does not know yet.
const say = (key, fallback) => dicts[lang][key] ?? dicts.zh[key] ?? fallback;
const groupName = (g) => say(`tpl.group.${g}`, null) ?? say(`settings.kind.${g}`, g);
export const templateName = (key) => say(`tpl.key.${key}`, key);

// state: {id, etag(), setEtag(e)} — the settings' version is shared with the rest of the page
export function templatesCard(state, data) {
  let overrides = { ...data.overrides };
  const groups = new Map();
  for (const k of data.keys) {
    const g = k.key.slice(0, k.key.indexOf('.'));
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(k);
  }
  const order = [...GROUPS.filter((g) => groups.has(g)), ...[...groups.keys()].filter((g) => !GROUPS.includes(g))];
  const counts = new Map();

  function countOf(g) {
    const n = groups.get(g).filter((k) => overrides[k.key] !== undefined).length;
    counts.get(g).textContent = n ? t('tpl.group_changed', { n }) : t('tpl.group_count', { n: groups.get(g).length });
    counts.get(g).classList.toggle('changed', n > 0);
  }

  function item(k, g) {
    const name = templateName(k.key);
    const area = h('textarea', { id: `tpl-text-${k.key}`, rows: Math.min(8, Math.max(2, Math.ceil(k.default.length / 60) + 1)),
      maxlength: 5000, spellcheck: 'false', value: overrides[k.key] ?? k.default, 'aria-describedby': `tpl-hint-${k.key} tpl-error-${k.key}` });
    const field = h('div', { class: 'field', 'data-field': `templates.${k.key}` },
      h('label', { for: area.id }, t('tpl.text')), area,
      h('div', { class: 'hint', id: `tpl-hint-${k.key}` }, t('tpl.text_hint')),
      h('div', { class: 'error', id: `tpl-error-${k.key}`, 'aria-live': 'polite' }));
    const changed = h('span', { class: 'tag tpl-changed' }, t('tpl.changed'));
    const save = h('button', { type: 'button', class: 'primary tpl-save' }, t('tpl.save'));
    const reset = h('button', { type: 'button', class: 'tpl-reset' }, t('tpl.reset'));
    function show() {
      const own = overrides[k.key] !== undefined;
      changed.hidden = !own;
      reset.disabled = !own && area.value === k.default;
      countOf(g);
    }
    function insert(f) {
      const at = area.selectionStart ?? area.value.length, end = area.selectionEnd ?? at;
      area.setRangeText(`{${f}}`, at, end, 'end');
      area.focus();
      area.dispatchEvent(new Event('input'));
    }
    const chip = (f) => h('button', { type: 'button', class: 'chip', 'data-name': f.name, title: `{${f.name}}`, onclick: () => insert(f.name) },
      say(`tpl.field.${f.name}`, f.label), h('span', { class: 'chip-code', 'aria-hidden': 'true' }, `{${f.name}}`));
    const own = k.fields.filter((f) => !f.common), common = k.fields.filter((f) => f.common);
    const chips = (label, list, head = true) => (list.length
      ? h('div', { class: 'chips', role: 'group', 'aria-label': label }, head ? h('span', { class: 'chips-label' }, label) : null, list.map(chip)) : null);

    async function store(next, message) {
      setFieldError(field, '');
      save.disabled = reset.disabled = true;
      try {
        const res = await api('PUT', `/api/v1/bodies/${state.id}/letter-templates`, next, { 'If-Match': state.etag() });
        state.setEtag(res.etag);
        overrides = { ...res.data };
        area.value = overrides[k.key] ?? k.default;
        toast(message);
      } catch (e) {
        if (e.code === 'precondition_failed') {
          setFieldError(field, t('tpl.stale'));
          field.querySelector('.error').append(' ', h('button', { type: 'button', class: 'link tpl-reload', onclick: () => go(`/settings/${state.id}`) }, t('settings.reload')));
        } else {
          const mine = e.fieldErrors().filter((x) => x.field === `templates.${k.key}`);
          setFieldError(field, mine.length ? mine.map(errorMessage).join('；') : e.text());
        }
        area.focus();
      } finally { save.disabled = false; show(); }
    }
    save.addEventListener('click', () => {
      const text = area.value;
      if (!text.trim()) { setFieldError(field, t('tpl.empty')); area.focus(); return; }
      const next = { ...overrides };
      if (text === k.default) delete next[k.key];
      else next[k.key] = text;
      store(next, t('tpl.saved', { name }));
    });
    reset.addEventListener('click', () => {
      const next = { ...overrides };
      delete next[k.key];
      store(next, t('tpl.reset_done', { name }));
    });
    area.addEventListener('input', show);
    const el = h('div', { class: 'tpl-item', 'data-key': k.key, role: 'group', 'aria-labelledby': `tpl-name-${k.key}` },
      h('h3', { id: `tpl-name-${k.key}` }, name, ' ', changed, h('span', { class: 'tpl-key', 'aria-hidden': 'true' }, k.key)),
      h('div', { class: 'tpl-default' }, h('div', { class: 'hint' }, t('tpl.default')), h('p', { class: 'pre' }, k.default)),
      field,
      // the paragraph's own fields in sight, the eight every paragraph has a click away
      h('div', { class: 'tpl-fields' }, chips(t('tpl.fields_own'), own),
        h('details', { class: 'chips-common' }, h('summary', {}, t('tpl.fields_common'), ` (${common.length})`), chips(t('tpl.fields_common'), common, false)),
        h('p', { class: 'hint' }, t('tpl.fields_hint'))),
      h('div', { class: 'actions' }, save, reset));
    el.refresh = show;
    return el;
  }

  const sections = order.map((g) => {
    counts.set(g, h('span', { class: 'tpl-count' }));
    const items = groups.get(g).map((k) => item(k, g));
    const d = h('details', { class: 'tpl-group', 'data-group': g }, h('summary', {}, groupName(g), ' ', counts.get(g)), items);
    for (const i of items) i.refresh();
    return d;
  });
  return h('section', { class: 'card', id: 'templates-card', 'aria-labelledby': 'sec-templates' },
    h('h2', { id: 'sec-templates' }, t('settings.sec.templates')), h('p', { class: 'hint' }, t('tpl.intro')), sections);
}
