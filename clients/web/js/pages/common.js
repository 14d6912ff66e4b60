// Pieces shared by the pages: status tags, working days left, fields with
// their hints and errors, the API's field errors placed next to the fields
// they name, and drafts that keep what was typed.
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';

// The reply outcomes grouped as the annual report's rows group them.
export const OUTCOME_GROUPS = [
  ['disclose', ['already_public', 'disclosed', 'partial']],
  ['withhold', ['withheld_state_secret', 'withheld_law_prohibited', 'withheld_security_stability', 'withheld_third_party',
    'withheld_internal_affairs', 'withheld_process_info', 'withheld_enforcement_file', 'withheld_query_matter']],
  ['unable', ['not_held_not_exist', 'not_held_other_body', 'needs_creation', 'still_unclear']],
  ['reject', ['rejected_petition', 'rejected_repeat', 'rejected_publication', 'rejected_excessive', 'rejected_confirm_reissue']],
  ['other', ['not_government_info', 'other']],
];
export function statusTag(r) {
  return h('span', { class: `tag status-${r.status}` }, t(`status.${r.status}`));
}

export function leftText(n) {
  if (n === null || n === undefined) return '—';
  if (n < 0) return t('left.overdue', { n: -n });
  if (n === 0) return t('left.today');
  return t('left.days', { n });
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
// 'YYYY-MM-DD' → 0 (Monday) … 6 (Sunday)
export function weekday(date) {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}
export function dateWithWeekday(date) {
  return date ? t('date.weekday', { date, wd: t(`wd.${WEEKDAYS[weekday(date)]}`) }) : '—';
}
export function addDays(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

let uid = 0;
// A labelled field: label, input, an optional hint and an error slot, tied
// together for screen readers.  name: the API's field name (for its errors).
export function field(label, input, opts = {}) {
  const id = input.id || `f${++uid}`;
  input.id = id;
  const hint = opts.hint ? h('div', { class: 'hint', id: `${id}-hint` }, opts.hint) : null;
  const error = h('div', { class: 'error', id: `${id}-error`, 'aria-live': 'polite' });
  input.setAttribute('aria-describedby', [hint ? hint.id : null, error.id].filter(Boolean).join(' '));
  if (opts.required) input.setAttribute('aria-required', 'true');
  return h('div', { class: `field${opts.wide ? ' wide' : ''}`, 'data-field': opts.name || input.name || null },
    h('label', { for: id }, label, opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    input, hint, error);
}

export function setFieldError(fieldEl, message) {
  fieldEl.classList.toggle('invalid', Boolean(message));
  fieldEl.querySelector('.error').textContent = message || '';
  const input = fieldEl.querySelector('input, select, textarea');
  if (input) {
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

export function clearErrors(form) {
  form.querySelectorAll('.field.invalid').forEach((f) => setFieldError(f, ''));
}

// The message of one of the API's field errors in the interface's language.
export function errorMessage(e) {
  return (lang === 'en' ? e.message_en : e.message_zh) || e.message || e.code;
}

// Shows the API's field errors next to the fields they name and focuses the
// first; returns the errors no field here shows.
export function showFieldErrors(form, problem) {
  clearErrors(form);
  const rest = [], said = new Map();
  for (const e of problem?.errors || []) {
    const f = form.querySelector(`.field[data-field="${CSS.escape(e.field)}"]`);
    // a field may break several rules (an imported file each missing holiday): all are said
    if (f) said.set(f, [...(said.get(f) || []), errorMessage(e)]);
    else rest.push(e);
  }
  for (const [f, messages] of said) setFieldError(f, messages.join('；'));
  focusFirstError(form);
  return rest;
}

export function focusFirstError(form) {
  const first = form.querySelector('.field.invalid input, .field.invalid select, .field.invalid textarea');
  if (first) first.focus();
  return Boolean(first);
}

// A problem box for what no single field explains.
export function problemBox(id) {
  return h('div', { class: 'problem', role: 'alert', hidden: true, id, tabindex: -1 });
}
export function showProblem(box, text) {
  box.textContent = text || '';
  box.hidden = !text;
}

// Drafts survive errors, a language switch, an expired session and a reload
// (sessionStorage: this tab only, removed at logout).
export function draft(key) {
  const k = `ogi.draft.${key}`;
  return {
    load() { try { return JSON.parse(sessionStorage.getItem(k) || 'null'); } catch { return null; } },
    save(v) { sessionStorage.setItem(k, JSON.stringify(v)); },
    clear() { sessionStorage.removeItem(k); },
  };
}

// Working days in words: "20 个工作日".
export function workdays(n) {
  return t('unit.workdays', { n });
}

// A summary of the days a count skipped (GET /workdays/add's skipped list).
export function skippedSummary(skipped, makeup) {
  const holidays = new Map();
  let weekends = 0;
  for (const s of skipped || []) {
    if (s.reason === 'holiday') holidays.set(s.name, (holidays.get(s.name) || 0) + 1);
    else weekends++;
  }
  const parts = [...holidays].map(([name, n]) => t('skip.holiday', { name, n }));
  if (weekends) parts.push(t('skip.weekend', { n: weekends }));
  for (const m of makeup || []) parts.push(t('skip.makeup', { date: m.date, name: m.name }));
  return parts.length ? t('skip.intro') + parts.join(lang === 'en' ? '; ' : '；') : '';
}
