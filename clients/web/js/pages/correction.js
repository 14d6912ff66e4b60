// 更正登记: what the front desk typed wrong at intake corrected, with a reason
// (PATCH /api/v1/requests/{id} with If-Match).  The form shows the
// registration as it is; only what the clerk changes is sent, so the history
// (a record_corrected event: the reason and each field before and after)
// says exactly what was corrected.  The identity number, which clerks read
// masked, is typed anew whole or left alone.  A new receipt date or channel
// moves the due date (the page reloads and the deadline explains it); a
// change of a locked year's figures asks an admin for the override's reason.
// Also the timeline's words for a record_corrected event.
import { api } from '../api.js';
import { h, select, toast } from '../dom.js';
import { t, lang } from '../i18n.js';
import { can } from '../app.js';
import { field, setFieldError, showFieldErrors, clearErrors, problemBox, showProblem, errorMessage, draft } from './common.js';

const KINDS = ['natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org', 'legal_service_org', 'other_org'];
const ID_TYPES = ['resident_id_card', 'uscc', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_resident', 'other'];
const CHANNELS = ['in_person', 'oral', 'post_registered', 'post_ordinary', 'online', 'fax', 'email'];
const MEDIA = ['paper', 'electronic', 'inspection'];
const DELIVERIES = ['pickup', 'post', 'email', 'online'];

// The fields a correction may change, as the API names them: [field, kind, options].
const FIELDS = [
  ['applicant.name', 'text', { label: 'intake.name', max: 200, required: true }],
  ['applicant.kind', 'select', { label: 'intake.kind', values: KINDS, prefix: 'kind', hint: 'corr.figures_hint' }],
  ['applicant.id_type', 'select', { label: 'intake.id_type', values: ID_TYPES, prefix: 'idtype', none: true }],
  ['applicant.id_number', 'text', { label: 'intake.id_number', max: 64 }],
  ['applicant.phone', 'text', { label: 'intake.phone', max: 32, type: 'tel' }],
  ['applicant.email', 'text', { label: 'intake.email', max: 254, type: 'email' }],
  ['applicant.address', 'text', { label: 'intake.address', max: 500, wide: true }],
  ['applicant.postcode', 'text', { label: 'intake.postcode', max: 6 }],
  ['applicant.contact', 'text', { label: 'request.contact', max: 200 }],
  ['description', 'textarea', { label: 'intake.request', max: 5000, required: true }],
  ['purpose', 'text', { label: 'request.purpose', max: 1000, wide: true }],
  ['form.medium', 'select', { label: 'intake.medium', values: MEDIA, prefix: 'medium', none: true }],
  ['form.delivery', 'select', { label: 'intake.delivery', values: DELIVERIES, prefix: 'delivery', none: true }],
  ['channel', 'select', { label: 'intake.channel', values: CHANNELS, prefix: 'channel', hint: 'corr.clock_hint' }],
  ['received_on', 'date', { label: 'col.received', required: true, hint: 'corr.clock_hint' }],
  ['submitted_on', 'date', { label: 'intake.submitted_on' }],
  ['confirmed_on', 'date', { label: 'corr.confirmed_on' }],
];
const LABEL = Object.fromEntries(FIELDS.map(([name, , o]) => [name, o.label]));
const PREFIX = Object.fromEntries(FIELDS.filter(([, , o]) => o.prefix).map(([name, , o]) => [name, o.prefix]));

// The request's value of a field ('' for none).
function current(r, name) {
  const [head, tail] = name.split('.');
  const v = tail ? r[head]?.[tail] : r[head];
  return v === null || v === undefined ? '' : String(v);
}

// A value of a correction in words: the vocabulary's label, or （空）.
function valueText(name, v) {
  if (v === null || v === undefined || v === '') return t('corr.empty_value');
  return PREFIX[name] ? t(`${PREFIX[name]}.${v}`) : v;
}

// The timeline's details of a record_corrected event: each field before → after, the due date's move.
export function correctionItems(e) {
  const p = e.payload || {};
  const items = (p.changes || []).map((c) => [t(LABEL[c.field] || c.field), `${valueText(c.field, c.from)} → ${valueText(c.field, c.to)}`]);
  if (p.due_on) items.push([t('f.due_change'), `${p.due_on.from || '—'} → ${p.due_on.to || '—'}`]);
  items.push([t('corr.reason'), p.reason]);
  if (p.override_reason) items.push([t('request.override_reason'), p.override_reason]);
  return items;
}

// The 更正登记 card, for a clerk or above of the request's body; reload(notice) redraws the page.
export function correctionCard(state, reload, notice) {
  const r = state.r;
  if (!can('clerk', r.body_id)) return null;
  const store = draft(`correct.${r.id}`);
  const typed = store.load() || {};
  const masked = Boolean(r.applicant?.id_number_masked);
  const inputs = {};
  const fields = FIELDS.map(([name, kind, o]) => {
    const was = name === 'applicant.id_number' && masked ? '' : current(r, name);
    const value = typed[name] ?? was;
    let input;
    const id = `corr-${name.replace('.', '-')}`;
    if (kind === 'select') input = select(name, [...(o.none ? [['', t('common.unspecified')]] : []), ...o.values.map((v) => [v, t(`${o.prefix}.${v}`)])], value, { id });
    else if (kind === 'textarea') input = h('textarea', { name, id, maxlength: o.max, rows: 3, value });
    else input = h('input', { name, id, type: o.type || kind, value, maxlength: kind === 'date' ? null : o.max });
    input.dataset.was = was;
    inputs[name] = input;
    const hint = name === 'applicant.id_number' && masked ? t('corr.id_masked_hint', { masked: r.applicant.id_number }) : o.hint ? t(o.hint) : null;
    return field(t(o.label), input, { required: o.required, hint, wide: kind === 'textarea' || o.wide, name });
  });
  const reason = h('textarea', { name: 'reason', id: 'corr-reason', rows: 2, maxlength: 2000, value: typed.reason || '' });
  const reasonField = field(t('corr.reason'), reason, { required: true, wide: true, hint: t('corr.reason_hint'), name: 'reason' });
  const override = h('textarea', { name: 'override_reason', id: 'corr-override_reason', rows: 2, maxlength: 500, value: typed.override_reason || '' });
  const overrideField = field(t('request.override_reason'), override, { required: true, wide: true, hint: t('request.override_hint'), name: 'override_reason' });
  overrideField.hidden = !typed.override_reason;
  const problem = problemBox('corr-problem');
  const submit = h('button', { class: 'primary', type: 'submit', id: 'corr-submit' }, t('corr.save'));
  const form = h('form', { id: 'correction-form', novalidate: true, hidden: !notice && !Object.keys(typed).length },
    h('p', { class: 'hint' }, t('corr.intro')),
    h('div', { class: 'grid' }, fields), h('div', { class: 'grid' }, reasonField, overrideField), problem,
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', id: 'corr-cancel', onclick: () => { store.clear(); form.hidden = true; opener.hidden = false; } }, t('corr.cancel'))));
  const opener = h('button', { type: 'button', id: 'corr-open', hidden: !form.hidden, onclick: () => { form.hidden = false; opener.hidden = true; inputs['applicant.name'].focus(); } }, t('corr.open'));
  const keep = () => store.save(Object.fromEntries([...Object.entries(inputs).filter(([, el]) => el.value !== el.dataset.was).map(([k, el]) => [k, el.value]),
    ...(reason.value ? [['reason', reason.value]] : []), ...(override.value ? [['override_reason', override.value]] : [])]));
  form.addEventListener('input', (e) => { const f = e.target.closest('.field'); if (f) setFieldError(f, ''); keep(); });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    showProblem(problem, '');
    const body = {};
    for (const [name, el] of Object.entries(inputs)) {
      const v = el.value.trim();
      if (v === el.dataset.was.trim()) continue;
      const [head, tail] = name.split('.');
      const value = v === '' ? null : v;
      if (tail) (body[head] ||= {})[tail] = value;
      else body[head] = value;
    }
    if (!Object.keys(body).length) { showProblem(problem, t('corr.none')); problem.focus(); return; }
    if (!reason.value.trim()) { setFieldError(reasonField, t('corr.reason_needed')); reason.focus(); return; }
    body.reason = reason.value.trim();
    if (!overrideField.hidden) body.override_reason = override.value.trim();
    submit.disabled = true;
    try {
      await api('PATCH', `/api/v1/requests/${r.id}`, body, { 'If-Match': state.etag });
      store.clear();
      await reload();
      toast(t('corr.done'));
    } catch (e) {
      submit.disabled = false;
      if (e.status === 412) { await reload(t('corr.stale')); return; }
      if (e.code === 'year_locked' || e.code === 'override_reason_required') {
        if (can('admin', r.body_id)) {
          overrideField.hidden = false;
          setFieldError(overrideField, e.code === 'year_locked' ? t('request.override_hint') : e.text());
          override.focus();
        } else { showProblem(problem, t('corr.locked')); problem.focus(); }
        return;
      }
      const rest = showFieldErrors(form, e.problem);
      if (rest.length || !e.problem?.errors) {
        showProblem(problem, [e.text(), ...rest.map(errorMessage)].join(lang === 'en' ? '; ' : '；'));
        problem.focus();
      }
    }
  });
  return h('section', { class: 'card no-print', id: 'correction-card', 'aria-labelledby': 'corr-h' },
    h('h2', { id: 'corr-h' }, t('corr.title')),
    notice ? h('div', { class: 'problem', id: 'corr-stale', role: 'alert', tabindex: -1 }, notice) : null,
    opener, form);
}
