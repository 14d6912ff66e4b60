// The service (送达) of an issued letter: each delivery with its legal date
// (国办公开办函〔2016〕235号: the day of signature, for post the 交邮之日 —
// the API computes it, legal_on), a form to record one asking only for the
// dates its method needs, the same form to complete it later (the signed
// return comes weeks after: PATCH with If-Match, only what changed), and the
// printable 送达回证 for service in person.
import { api } from '../api.js';
import { h, clear, select, toast } from '../dom.js';
import { t, lang } from '../i18n.js';
import { today } from '../app.js';
import { field, setFieldError, showFieldErrors, clearErrors, problemBox, showProblem, errorMessage } from './common.js';
import { METHODS, deliveryText, printUrl } from './letters.js';

// the fields each method asks for: [name, kind, {label, required}]
const FIELDS = {
  in_person: [['served_on', 'date', { label: 'svc.f.served_on.in_person' }], ['signed_by', 'text', { label: 'svc.f.signed_by' }]],
  post: [['sent_on', 'date', { label: 'svc.f.sent_on.post', required: true }], ['post_tracking_no', 'text', { label: 'svc.f.post_tracking_no' }],
    ['served_on', 'date', { label: 'svc.f.served_on.post' }], ['signed_by', 'text', { label: 'svc.f.signed_by' }]],
  email: [['sent_on', 'date', { label: 'svc.f.sent_on.email' }]],
  online: [['sent_on', 'date', { label: 'svc.f.sent_on.online' }]],
  fax: [['sent_on', 'date', { label: 'svc.f.sent_on.fax' }]],
  left_at_address: [['sent_on', 'date', { label: 'svc.f.sent_on.left_at_address' }]],
  public_notice: [['sent_on', 'date', { label: 'svc.f.sent_on.public_notice' }], ['served_on', 'date', { label: 'svc.f.served_on.public_notice' }]],
};
const ALL = ['sent_on', 'post_tracking_no', 'served_on', 'signed_by', 'note'];
const MAX = { post_tracking_no: 64, signed_by: 100, note: 2000 };

// ctx: {path (the letter's API path), letter, canRecord, reload(notice)}
export function serviceCard(ctx) {
  const l = ctx.letter;
  const holder = h('div', { id: 'delivery-form-holder' });
  const list = l.deliveries.length
    ? h('ul', { class: 'records', id: 'deliveries' }, l.deliveries.map((d) => h('li', { 'data-delivery': d.id, 'data-method': d.method },
      h('div', { class: 'record-head' }, h('strong', {}, t(`svc.method.${d.method}`)),
        h('span', { class: d.legal_on ? 'tag date-done' : 'tag date-due' }, d.legal_on ? t('svc.legal_on', { date: d.legal_on }) : t('svc.legal_unknown'))),
      h('p', { class: 'small', id: `delivery-${d.id}-text` }, deliveryText(d, true) || '—'),
      d.note ? h('p', { class: 'small pre' }, d.note) : null,
      h('p', { class: 'muted small' }, t('svc.recorded', { actor: d.updated_by || d.created_by || '—', at: (d.updated_at || d.created_at || '').slice(0, 16).replace('T', ' ') })),
      ctx.canRecord && l.status === 'issued' ? h('button', { type: 'button', class: 'link', id: `delivery-${d.id}-edit`,
        onclick: () => { clear(holder).append(deliveryForm(ctx, d)); holder.querySelector('select, input')?.focus(); } }, t('svc.edit')) : null)))
    : h('p', { class: 'empty', id: 'deliveries-empty' }, t(l.status === 'issued' ? 'svc.none_yet' : 'svc.none'));
  const issued = l.status === 'issued';
  const printForm = issued ? h('button', { type: 'button', id: 'print-service-form', onclick: () => printUrl(`${ctx.path}/service-form?type=html`) }, t('svc.print_form')) : null;
  const add = issued && ctx.canRecord ? h('button', { type: 'button', class: 'primary', id: 'delivery-add',
    onclick: () => { clear(holder).append(deliveryForm(ctx, null)); holder.querySelector('select')?.focus(); } }, t('svc.add')) : null;
  return h('section', { class: 'card', id: 'service-card', 'aria-labelledby': 'service-h' },
    h('h2', { id: 'service-h' }, t('svc.title')),
    issued ? h('p', { class: 'hint' }, t(l.kind === 'reply' ? 'svc.intro_reply' : 'svc.intro')) : null,
    list, h('div', { class: 'actions no-print' }, add, printForm, issued ? h('span', { class: 'hint' }, t('svc.print_form_hint')) : null), holder);
}

// A form to record a delivery (d null) or to complete or correct d.
function deliveryForm(ctx, d) {
  const l = ctx.letter;
  const method = select('method', METHODS.map((m) => [m, t(`svc.method.${m}`)]), d?.method || 'in_person', { id: 'svc-method' });
  const inputs = { method };
  const boxes = {};
  for (const name of ALL) {
    const attrs = { id: `svc-${name}`, name, value: d?.[name] ?? '' };
    const input = name === 'note' ? h('textarea', { ...attrs, rows: 2, maxlength: MAX.note })
      : h('input', { ...attrs, type: name.endsWith('_on') ? 'date' : 'text', maxlength: MAX[name] || null,
        min: name.endsWith('_on') ? l.letter_date : null, max: name.endsWith('_on') ? today() : null });
    inputs[name] = input;
    boxes[name] = field('', input, { name, wide: name === 'note' });
  }
  const methodHint = h('span', { id: 'svc-method-help' });
  const problem = problemBox('delivery-problem');
  const submit = h('button', { type: 'submit', class: 'primary', id: 'svc-submit' }, t(d ? 'svc.save' : 'svc.record'));
  const cancel = h('button', { type: 'button', id: 'svc-cancel' }, t('common.cancel'));
  const form = h('form', { id: d ? `delivery-form-${d.id}` : 'delivery-form', class: 'record-form', novalidate: true },
    h('h3', {}, t(d ? 'svc.edit_title' : 'svc.add_title')),
    h('div', { class: 'grid' }, field(t('svc.f.method'), method, { hint: methodHint }), ...ALL.map((n) => boxes[n])),
    problem, h('div', { class: 'actions' }, submit, cancel));
  // each method shows the dates it needs, labelled as that method names them
  function shape() {
    const m = method.value;
    const shown = new Map((FIELDS[m] || []).map(([name, , o]) => [name, o]));
    shown.set('note', { label: 'svc.f.note' });
    for (const name of ALL) {
      const o = shown.get(name);
      const box = boxes[name];
      box.hidden = !o;
      if (!o) continue;
      const label = box.querySelector('label');
      label.replaceChildren(t(o.label), o.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null);
      if (o.required) inputs[name].setAttribute('aria-required', 'true'); else inputs[name].removeAttribute('aria-required');
    }
    methodHint.textContent = t(`svc.help.${m}`);
    inputs.note.placeholder = m === 'left_at_address' ? t('svc.note_left') : '';
  }
  method.addEventListener('change', shape);
  shape();
  form.addEventListener('input', (e) => { const f = e.target.closest('.field'); if (f) setFieldError(f, ''); });
  cancel.addEventListener('click', () => form.remove());
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    showProblem(problem, '');
    const body = {};
    const visible = (name) => !boxes[name].hidden;
    if (!d || method.value !== d.method) body.method = method.value;
    for (const name of ALL) {
      const v = inputs[name].value.trim();
      if (!d) { if (visible(name) && v) body[name] = v; continue; }
      // a change: what differs from the delivery as it is (a field emptied or hidden is cleared)
      const now = visible(name) && v ? v : null;
      if (now !== (d[name] ?? null)) body[name] = now;
    }
    const missing = (FIELDS[method.value] || []).filter(([name, , o]) => o.required && !inputs[name].value.trim());
    if (missing.length) {
      for (const [name] of missing) setFieldError(boxes[name], t('err.required'));
      inputs[missing[0][0]].focus();
      return;
    }
    if (d && !Object.keys(body).length) { form.remove(); return; }
    submit.disabled = true;
    try {
      if (d) await api('PATCH', `${ctx.path}/deliveries/${d.id}`, body, { 'If-Match': `"${d.version}"` });
      else await api('POST', `${ctx.path}/deliveries`, body);
      toast(t(d ? 'svc.saved' : 'svc.recorded_ok'));
      await ctx.reload();
    } catch (e) {
      submit.disabled = false;
      if (e.status === 412) { await ctx.reload(t('svc.stale')); return; }
      const rest = showFieldErrors(form, e.problem);
      if (rest.length || !e.problem?.errors) {
        showProblem(problem, [e.text(), ...rest.map(errorMessage)].join(lang === 'en' ? '; ' : '；'));
        problem.focus();
      }
    }
  });
  return form;
}
