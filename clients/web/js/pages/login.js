// Log in; afterwards back to where the user was going (an expired session
// sends people here with ?next=, and their drafts are still in place).
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { go, loadSession, session } from '../app.js';
import { field, problemBox, showProblem } from './common.js';

export async function render(main, args, params) {
  if (session.user) { go('/queue'); return; }
  const err = problemBox('login-error');
  const user = h('input', { name: 'username', id: 'username', autocomplete: 'username', required: true, autofocus: true, maxlength: 64, autocapitalize: 'none', spellcheck: 'false' });
  const pass = h('input', { name: 'password', id: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 1024 });
  const submit = h('button', { class: 'primary', type: 'submit', id: 'login-submit' }, t('login.submit'));
  const form = h('form', { class: 'card login', id: 'login-form', novalidate: true },
    h('h1', {}, t('login.title')),
    h('p', { class: 'muted' }, t('login.intro')),
    field(t('login.username'), user), field(t('login.password'), pass),
    err,
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showProblem(err, '');
    if (!user.value.trim()) { user.focus(); showProblem(err, t('login.need_username')); return; }
    submit.disabled = true;
    try {
      await api('POST', '/api/v1/session', { username: user.value.trim(), password: pass.value });
      await loadSession();
      const next = params.get('next');
      go(next && next.startsWith('/') && !next.startsWith('/login') ? next : '/queue');
    } catch (e) {
      showProblem(err, e.text());
      pass.select();
      pass.focus();
    } finally {
      submit.disabled = false;
    }
  });
  main.append(h('div', { class: 'login-wrap' }, form));
  user.focus();
}
