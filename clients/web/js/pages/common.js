// Pieces shared by the pages: status tags, working days left, field errors.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function statusTag(r) {
  return h('span', { class: `tag ${r.status === 'closed' ? 'closed' : ''}` }, t(`status.${r.status}`));
}

export function bandOf(r) {
  if (r.status === 'closed') return 'closed';
  if (r.workdays_left === null || r.workdays_left === undefined) return 'later';
  if (r.overdue || r.workdays_left < 0) return 'overdue';
  return r.workdays_left <= 3 ? 'due_soon' : 'later';
}

export function leftText(r) {
  const n = r.workdays_left;
  if (n === null || n === undefined) return '—';
  if (n < 0) return t('left.overdue', { n: -n });
  if (n === 0) return t('left.today');
  return t('left.days', { n });
}

// Shows the API's field errors next to the fields they name; returns the
// errors it could not place.
export function showFieldErrors(form, problem) {
  form.querySelectorAll('.field').forEach((f) => { f.classList.remove('invalid'); const e = f.querySelector('.error'); if (e) e.textContent = ''; });
  const rest = [];
  for (const e of problem?.errors || []) {
    const name = e.field.split('.').pop();
    const input = form.querySelector(`[data-field="${CSS.escape(e.field)}"]`) || form.querySelector(`[name="${CSS.escape(name)}"]`);
    const field = input?.closest('.field');
    if (field) {
      field.classList.add('invalid');
      let box = field.querySelector('.error');
      if (!box) { box = h('div', { class: 'error' }); field.append(box); }
      box.textContent = e.message;
      input.setAttribute('aria-invalid', 'true');
    } else rest.push(e);
  }
  const first = form.querySelector('.field.invalid input, .field.invalid select, .field.invalid textarea');
  if (first) first.focus();
  return rest;
}

export function field(label, input, hint) {
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input,
    hint ? h('div', { class: 'hint' }, hint) : null, h('div', { class: 'error' }));
}

export function today() {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}
