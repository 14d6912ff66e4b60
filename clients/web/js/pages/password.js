// Change one's own password (PUT /api/v1/session/password): the first thing
// a new user or the first administrator does with a password someone else
// chose.  The user's other sessions end; this one goes on.
import { api } from '../api.js';
import { h, toast } from '../dom.js';
import { t } from '../i18n.js';
import { go, session } from '../app.js';
import { field, setFieldError, showFieldErrors, clearErrors, focusFirstError, problemBox, showProblem } from './common.js';

export async function render(main) {
  const current = h('input', { type: 'password', id: 'current_password', name: 'current_password', autocomplete: 'current-password', maxlength: 1024, autofocus: true });
  const next = h('input', { type: 'password', id: 'new_password', name: 'new_password', autocomplete: 'new-password', maxlength: 1024 });
  const again = h('input', { type: 'password', id: 'new_password_again', name: 'new_password_again', autocomplete: 'new-password', maxlength: 1024 });
  const problem = problemBox('password-problem');
  const save = h('button', { class: 'primary', type: 'submit', id: 'password-save' }, t('password.save'));
  const form = h('form', { class: 'card login', id: 'password-form', novalidate: true },
    h('h1', {}, t('password.title')),
    h('p', { class: 'muted' }, t('password.intro', { user: session.user?.username ?? '' })),
    field(t('password.current'), current, { required: true }),
    field(t('password.new'), next, { required: true, hint: t('password.rule') }),
    field(t('password.again'), again, { required: true }),
    problem, h('div', { class: 'actions' }, save));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    showProblem(problem, '');
    if (next.value !== again.value) {
      setFieldError(again.closest('.field'), t('password.mismatch'));
      focusFirstError(form);
      return;
    }
    save.disabled = true;
    try {
      await api('PUT', '/api/v1/session/password', { current_password: current.value, new_password: next.value });
      toast(t('password.done'));
      go('/queue');
    } catch (e) {
      const rest = showFieldErrors(form, e.problem);
      if (rest.length || !e.problem?.errors) showProblem(problem, e.text());
    } finally { save.disabled = false; }
  });
  main.append(h('div', { class: 'login-wrap' }, form));
  current.focus();
}
