// Log in.
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { go, loadSession } from '../app.js';

export async function render(main) {
  const err = h('div', { class: 'problem', hidden: true, id: 'login-error' });
  const user = h('input', { name: 'username', id: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { name: 'password', id: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'card', id: 'login-form' },
    h('h1', {}, t('login.title')),
    h('div', { class: 'field' }, h('label', { for: 'username' }, t('login.username')), user),
    h('div', { class: 'field' }, h('label', { for: 'password' }, t('login.password')), pass),
    err,
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit', id: 'login-submit' }, t('login.submit'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.hidden = true;
    try {
      await api('POST', '/api/v1/session', { username: user.value, password: pass.value });
      await loadSession();
      go('/queue');
    } catch (e) {
      err.textContent = e.problem?.title || t('err.network');
      err.hidden = false;
      pass.select();
    }
  });
  const wrap = h('div', { class: 'login-wrap' }, form);
  wrap.style.maxWidth = '380px';
  wrap.style.margin = '48px auto';
  main.append(wrap);
  user.focus();
}
