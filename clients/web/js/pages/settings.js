// 本机关设置: what an office says about itself on its letters (GET/PUT
// /api/v1/bodies/{id}) — its full name and code, the parts of a 文号 with a
// live example, its contact details, the reconsideration body and court of
// the remedy sentence, the review-first choice —, its seal (uploaded and
// removed at once) and its wording of the letters (文书用语,
// settings_templates.js).  For the administrators of the office; a setting
// left empty shows its default, which the letters then take.
import { api } from '../api.js';
import { h, toast } from '../dom.js';
import { t } from '../i18n.js';
import { can, go, loadSession, session, today } from '../app.js';
import { field, setFieldError, showFieldErrors, clearErrors, problemBox, showProblem, errorMessage } from './common.js';
import { templatesCard } from './settings_templates.js';
import { unitsCard } from './settings_units.js';
import { remindersCard } from './settings_reminders.js';

// the letter kinds in the order a clerk meets them most (the reply first)
export const KINDS = ['reply', 'correction_notice', 'extension_notice', 'delay_notice', 'third_party_consultation',
  'consultation_notice', 'body_consultation', 'override_notice', 'fee_notice', 'receipt'];
const TEXTS = ['letter_prefix', 'address', 'postcode', 'phone', 'office_hours', 'reconsideration_body', 'reconsideration_address', 'court'];
const SEAL_MAX = 512 * 1024;

// A body's own settings as PUT takes them back (PUT replaces them all): what
// it set, leaving out what it left to the defaults.
export function storedOf(b) {
  const out = { name: b.name, code: b.code, review_first_not_held: b.review_first_not_held, accepts_online: b.accepts_online, kind_codes: {} };
  for (const k of TEXTS) if (!b.defaulted.includes(k)) out[k] = b[k];
  for (const k of KINDS) if (!b.defaulted.includes(`kind_codes.${k}`)) out.kind_codes[k] = b.kind_codes[k];
  return out;
}

// The bodies the caller administers (directly or below a body it administers).
export function adminBodies() {
  return session.bodies.filter((b) => can('admin', b.id));
}

export async function render(main, args) {
  const mine = adminBodies();
  if (!mine.length) { main.append(h('h1', {}, t('settings.title')), h('p', { class: 'problem', id: 'settings-none' }, t('settings.no_body'))); return; }
  const id = mine.some((b) => b.id === Number(args[0])) ? Number(args[0]) : mine[0].id;
  const [r, tpl, units, reminders] = await Promise.all([api('GET', `/api/v1/bodies/${id}`), api('GET', `/api/v1/bodies/${id}/letter-templates`), unitsCard(id), remindersCard()]);
  // one version guards the settings, the seal and the wording: the older ETag if the two differ (a save then finds it stale)
  const version = (x) => Number(String(x).replaceAll('"', ''));
  let b = r.data, etag = version(tpl.etag) < version(r.etag) ? tpl.etag : r.etag;
  const year = today().slice(0, 4);
  const own = (k) => (b.defaulted.includes(k) ? '' : b[k]);
  const text = (name, max, attrs = {}) => h('input', { name, id: `s-${name}`, maxlength: max, value: own(name), ...attrs });

  const name = h('input', { name: 'name', id: 's-name', maxlength: 200, required: true, value: b.name, autocomplete: 'organization' });
  const code = h('input', { name: 'code', id: 's-code', maxlength: 64, value: b.code || '', autocapitalize: 'characters', spellcheck: 'false' });
  const prefix = text('letter_prefix', 20, { placeholder: '平湛马办' });
  const kindInputs = {};
  const examples = {};
  const rows = KINDS.map((k) => {
    const input = h('input', { name: `kind_codes.${k}`, id: `s-kind-${k}`, maxlength: 12, class: 'kind-code',
      value: b.defaulted.includes(`kind_codes.${k}`) ? '' : b.kind_codes[k], placeholder: t('settings.default', { v: b.defaults.kind_codes[k] }),
      'aria-label': `${t('settings.kind_col')}：${t(`settings.kind.${k}`)}` });
    kindInputs[k] = input;
    examples[k] = h('td', { class: 'ref-example', id: `s-example-${k}` });
    return h('tr', {}, h('th', { scope: 'row' }, t(`settings.kind.${k}`)),
      h('td', { class: 'field', 'data-field': `kind_codes.${k}` }, input, h('div', { class: 'error', id: `s-kind-${k}-error`, 'aria-live': 'polite' })), examples[k]);
  });
  const preview = h('strong', { id: 's-preview', class: 'ref-preview' });
  const ref = (k) => `${prefix.value.trim()}${kindInputs[k].value.trim() || b.defaults.kind_codes[k]}〔${year}〕1号`;
  function updatePreview() {
    preview.textContent = ref('reply');
    for (const k of KINDS) examples[k].textContent = ref(k);
  }
  prefix.addEventListener('input', updatePreview);
  for (const k of KINDS) kindInputs[k].addEventListener('input', updatePreview);
  updatePreview();

  const address = text('address', 200, { autocomplete: 'street-address' });
  const postcode = text('postcode', 6, { inputmode: 'numeric', autocomplete: 'postal-code' });
  const phone = text('phone', 50, { type: 'tel', autocomplete: 'tel' });
  const hours = text('office_hours', 50);
  const reviewBody = text('reconsideration_body', 200, b.defaults.reconsideration_body ? { placeholder: b.defaults.reconsideration_body } : {});
  const reviewAddress = text('reconsideration_address', 200);
  const court = text('court', 200, { placeholder: '人民法院' });
  const reviewFirst = h('input', { type: 'checkbox', name: 'review_first_not_held', id: 's-review-first', checked: b.review_first_not_held });
  const acceptsOnline = h('input', { type: 'checkbox', name: 'accepts_online', id: 's-accepts-online', checked: b.accepts_online });
  const problem = problemBox('settings-problem');
  const save = h('button', { class: 'primary', type: 'submit', id: 'settings-save' }, t('settings.save'));

  const picker = mine.length > 1
    ? h('div', { class: 'field' }, h('label', { for: 's-body' }, t('settings.body')),
      h('select', { id: 's-body', onchange: (e) => go(`/settings/${e.target.value}`) }, mine.map((x) => h('option', { value: x.id, selected: x.id === id }, x.name))))
    : null;
  const section = (key, ...children) => h('section', { class: 'card', 'aria-labelledby': `sec-${key}` }, h('h2', { id: `sec-${key}` }, t(`settings.sec.${key}`)), ...children);
  const form = h('form', { id: 'settings-form', novalidate: true },
    section('name', h('div', { class: 'grid' },
      field(t('settings.name'), name, { required: true, wide: true, hint: t('settings.name_hint') }),
      field(t('settings.code'), code, { hint: t('settings.code_hint') }))),
    section('ref',
      h('div', { class: 'grid' }, field(t('settings.prefix'), prefix, { hint: t('settings.prefix_hint') })),
      h('p', { class: 'ref-line' }, t('settings.preview'), preview), h('p', { class: 'hint' }, t('settings.preview_hint')),
      h('h3', {}, t('settings.kinds')), h('p', { class: 'hint' }, t('settings.kinds_hint')),
      h('div', { class: 'scroll' }, h('table', { class: 'kinds', id: 's-kinds' },
        h('thead', {}, h('tr', {}, [t('settings.kind_col'), t('settings.code_col'), t('settings.example_col')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, rows)))),
    section('contact', h('div', { class: 'grid' },
      field(t('settings.address'), address, { wide: true, hint: t('settings.address_hint') }),
      field(t('settings.postcode'), postcode, { hint: t('settings.postcode_hint') }),
      field(t('settings.phone'), phone, { hint: t('settings.phone_hint') }),
      field(t('settings.office_hours'), hours, { hint: t('settings.office_hours_hint') }))),
    section('remedy', h('div', { class: 'grid' },
      field(t('settings.reconsideration_body'), reviewBody, { hint: `${t('settings.reconsideration_body_hint')}${b.defaults.reconsideration_body
        ? t('settings.reconsideration_body_default', { v: b.defaults.reconsideration_body }) : t('settings.reconsideration_body_none')}` }),
      field(t('settings.reconsideration_address'), reviewAddress, { hint: t('settings.reconsideration_address_hint') }),
      field(t('settings.court'), court, { hint: t('settings.court_hint') })),
    h('div', { class: 'field review-first', 'data-field': 'review_first_not_held' },
      h('label', { class: 'inline', for: 's-review-first' }, reviewFirst, ' ', t('settings.review_first')),
      h('p', { class: 'hint', id: 's-review-first-hint' }, t('settings.review_first_hint')),
      h('div', { class: 'error', 'aria-live': 'polite' }))),
    section('online', h('div', { class: 'field', 'data-field': 'accepts_online' },
      h('label', { class: 'inline', for: 's-accepts-online' }, acceptsOnline, ' ', t('settings.accepts_online')),
      h('p', { class: 'hint' }, t('settings.accepts_online_hint')),
      h('div', { class: 'error', 'aria-live': 'polite' }))),
    problem, h('div', { class: 'actions' }, save));
  reviewFirst.setAttribute('aria-describedby', 's-review-first-hint');

  main.append(...[h('div', { class: 'page-head' }, h('h1', {}, t('settings.title'))),
    h('p', { class: 'muted' }, t('settings.intro')), picker, form, units, reminders, sealCard(),
    templatesCard({ id, etag: () => etag, setEtag: (e) => { etag = e; } }, tpl.data)].filter(Boolean));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    showProblem(problem, '');
    const kind_codes = {};
    for (const k of KINDS) if (kindInputs[k].value.trim()) kind_codes[k] = kindInputs[k].value.trim();
    const body = {
      name: name.value.trim(), code: code.value.trim() || null, letter_prefix: prefix.value.trim(), kind_codes,
      address: address.value.trim(), postcode: postcode.value.trim(), phone: phone.value.trim(), office_hours: hours.value.trim(),
      reconsideration_body: reviewBody.value.trim(), reconsideration_address: reviewAddress.value.trim(), court: court.value.trim(),
      review_first_not_held: reviewFirst.checked, accepts_online: acceptsOnline.checked,
    };
    if (!body.name) { setFieldError(name.closest('.field'), t('err.required')); name.focus(); return; }
    save.disabled = true;
    try {
      const res = await api('PUT', `/api/v1/bodies/${id}`, body, { 'If-Match': etag });
      b = res.data;
      etag = res.etag;
      await loadSession(); // the new name everywhere (lists, receipts, the menu)
      toast(t('settings.saved'));
      go(`/settings/${id}`);
    } catch (e) {
      if (e.code === 'precondition_failed') {
        showProblem(problem, t('settings.stale'));
        problem.append(' ', h('button', { type: 'button', id: 'settings-reload', onclick: () => go(`/settings/${id}`) }, t('settings.reload')));
        problem.focus();
      } else if (e.code === 'body_code_taken') {
        setFieldError(code.closest('.field'), t('settings.code_taken'));
        code.focus();
      } else {
        const rest = showFieldErrors(form, e.problem);
        if (rest.length || !e.problem?.errors) showProblem(problem, [e.text(), ...rest.map((x) => `${x.field}：${errorMessage(x)}`)].join('；'));
      }
    } finally { save.disabled = false; }
  });

  // the seal: stored at once on choosing a file, shown as the API serves it
  function sealCard() {
    const url = `/api/v1/bodies/${id}/seal`;
    const img = h('img', { id: 'seal-preview', class: 'seal-preview', alt: t('settings.seal_alt') });
    const none = h('p', { class: 'muted', id: 'seal-none' }, t('settings.seal_none'));
    const file = h('input', { type: 'file', id: 'seal-file', name: 'seal', accept: 'image/png' });
    const remove = h('button', { type: 'button', id: 'seal-remove' }, t('settings.seal_remove'));
    const sealProblem = problemBox('seal-problem');
    const fileField = field(t('settings.seal_file'), file, { name: 'seal', hint: t('settings.seal_hint') });
    function show() {
      img.hidden = !b.has_seal;
      none.hidden = b.has_seal;
      remove.hidden = !b.has_seal;
      // the seal's address changes with the settings' version: never an old picture
      if (b.has_seal) img.src = `${url}?v=${b.version}`;
    }
    file.addEventListener('change', async () => {
      const f = file.files[0];
      showProblem(sealProblem, '');
      setFieldError(fileField, '');
      if (!f) return;
      if (f.type && f.type !== 'image/png') { setFieldError(fileField, t('settings.seal_not_png')); return; }
      if (f.size > SEAL_MAX) { setFieldError(fileField, t('settings.seal_too_large')); return; }
      file.disabled = true;
      try {
        const res = await api('PUT', url, f, { 'Content-Type': 'image/png', 'If-Match': etag });
        etag = res.etag;
        b = { ...b, has_seal: true, version: res.data.version };
        show();
        toast(t('settings.seal_uploaded'));
      } catch (e) {
        setFieldError(fileField, e.text());
      } finally { file.disabled = false; file.value = ''; }
    });
    remove.addEventListener('click', async () => {
      if (!window.confirm(t('settings.seal_confirm'))) return;
      showProblem(sealProblem, '');
      try {
        const res = await api('DELETE', url, undefined, { 'If-Match': etag });
        etag = res.etag;
        b = { ...b, has_seal: false, version: Number(String(res.etag).replaceAll('"', '')) };
        show();
        toast(t('settings.seal_removed'));
      } catch (e) { showProblem(sealProblem, e.text()); }
    });
    show();
    return h('section', { class: 'card', id: 'seal-card', 'aria-labelledby': 'sec-seal' }, h('h2', { id: 'sec-seal' }, t('settings.sec.seal')),
      h('div', { class: 'seal-box' }, img, none), fileField, sealProblem, h('div', { class: 'actions' }, remove));
  }
}
