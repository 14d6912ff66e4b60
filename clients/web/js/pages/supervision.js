// 督办 on the request page (issue 16): an administrator of a body above the
// request's body marks it with a note and the day by which the body must
// report (POST …/supervisions); the body's own staff read the mark and send
// their report (POST …/supervisions/{id}/answer), after which the mark leaves
// both queues.  Everyone else reads the mark only.
import { api } from '../api.js';
import { h, toast } from '../dom.js';
import { t, lang } from '../i18n.js';
import { session, today } from '../app.js';
import { field, setFieldError, problemBox, showProblem, showFieldErrors, clearErrors, dateWithWeekday, errorMessage } from './common.js';

// An administrator of a body strictly above the request's body (the office's own admin does not supervise it).
export function maySupervise(r) {
  const own = session.bodies.find((b) => b.id === r.body_id);
  const path = own?.path || [r.body_id];
  return session.roles.some((g) => g.role === 'admin' && g.body_id !== r.body_id && path.includes(g.body_id));
}
// Staff of the request's own body (not an auditor, not a body above): they report.
export function mayAnswer(r) {
  return session.roles.some((g) => g.body_id === r.body_id && g.role !== 'auditor');
}

// The card, or null when there is nothing to show or do.  done(notice) reloads the page.
export function supervisionCard(r, done) {
  const sv = r.supervision;
  if (!sv && (r.status === 'closed' || !maySupervise(r))) return null;
  const card = h('section', { class: 'card supervision', id: 'supervision-card', 'aria-labelledby': 'supervision-h' },
    h('h2', { id: 'supervision-h', tabindex: -1 }, t('sv.title')));
  if (sv) {
    const late = sv.report_by < today();
    card.append(h('p', { id: 'supervision-mark', class: late ? 'alarm' : null },
      h('span', { class: 'tag supervised' }, t('assign.supervised')), ' ',
      t('sv.mark', { by: sv.by_body_name, date: dateWithWeekday(sv.report_by) }), late ? ` ${t('sv.report_late')}` : ''),
    h('p', { class: 'pre', id: 'supervision-note' }, sv.note));
    if (mayAnswer(r)) card.append(answerForm(r, sv, done));
    else card.append(h('p', { class: 'muted', id: 'supervision-waiting' }, t('sv.waiting', { name: r.body_name })));
  } else {
    card.append(h('p', { class: 'hint' }, t('sv.intro', { name: r.body_name })), superviseForm(r, done));
  }
  return card;
}

function superviseForm(r, done) {
  const note = h('textarea', { name: 'note', id: 'sv-note', rows: 3, maxlength: 2000 });
  const by = h('input', { type: 'date', name: 'report_by', id: 'sv-report_by', min: today(), required: true });
  const problem = problemBox('sv-problem');
  const submit = h('button', { class: 'primary', type: 'submit', id: 'sv-submit' }, t('sv.submit'));
  const form = h('form', { id: 'form-supervise', class: 'no-print', novalidate: true },
    h('div', { class: 'grid' }, field(t('sv.note'), note, { required: true, wide: true, hint: t('sv.note_hint') }),
      field(t('sv.report_by'), by, { required: true, hint: t('sv.report_by_hint') })),
    problem, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    showProblem(problem, '');
    let bad = false;
    if (!note.value.trim()) { setFieldError(note.closest('.field'), t('sv.need_note')); bad = true; }
    if (!by.value) { setFieldError(by.closest('.field'), t('sv.need_date')); bad = true; }
    if (bad) { form.querySelector('.field.invalid textarea, .field.invalid input')?.focus(); return; }
    submit.disabled = true;
    try {
      await api('POST', `/api/v1/requests/${r.id}/supervisions`, { note: note.value.trim(), report_by: by.value });
      toast(t('sv.done', { date: by.value }));
      await done();
    } catch (err) {
      submit.disabled = false;
      const rest = showFieldErrors(form, err.problem);
      if (rest.length || !err.problem?.errors) { showProblem(problem, [err.text(), ...rest.map(errorMessage)].join(lang === 'en' ? '; ' : '；')); problem.focus(); }
    }
  });
  return form;
}

function answerForm(r, sv, done) {
  const answer = h('textarea', { name: 'answer', id: 'sv-answer', rows: 3, maxlength: 2000 });
  const problem = problemBox('sv-problem');
  const submit = h('button', { class: 'primary', type: 'submit', id: 'sv-answer-submit' }, t('sv.answer_submit'));
  const form = h('form', { id: 'form-supervision-answer', class: 'no-print', novalidate: true },
    field(t('sv.answer'), answer, { required: true, wide: true, hint: t('sv.answer_hint', { by: sv.by_body_name }) }),
    problem, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    showProblem(problem, '');
    if (!answer.value.trim()) { setFieldError(answer.closest('.field'), t('sv.need_answer')); answer.focus(); return; }
    submit.disabled = true;
    try {
      await api('POST', `/api/v1/requests/${r.id}/supervisions/${sv.id}/answer`, { answer: answer.value.trim() });
      toast(t('sv.answered', { by: sv.by_body_name }));
      await done();
    } catch (err) {
      submit.disabled = false;
      const rest = showFieldErrors(form, err.problem);
      if (rest.length || !err.problem?.errors) { showProblem(problem, [err.text(), ...rest.map(errorMessage)].join(lang === 'en' ? '; ' : '；')); problem.focus(); }
    }
  });
  return form;
}

// The timeline's lines of a supervised / supervision_answered event: [label, value] pairs.
export function supervisionItems(e) {
  const p = e.payload || {};
  if (e.type === 'supervised') return [[t('sv.by'), p.by_body_name], [t('sv.report_by'), p.report_by], [t('sv.note'), p.note]].filter(([, v]) => v);
  if (e.type === 'supervision_answered') return [[t('sv.by'), p.by_body_name], [t('sv.answer'), p.answer]].filter(([, v]) => v);
  return [];
}
