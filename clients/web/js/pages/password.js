// The user's own account (#/account, also #/password; click the user name):
// change one's password (PUT /api/v1/session/password: the user's other
// sessions end and its API tokens are revoked, this one goes on), see where
// the account is signed in and sign out a browser one does not know
// (GET/DELETE /api/v1/sessions), and see and revoke one's API tokens
// (GET/DELETE /api/v1/tokens), subscribe one's phone or Outlook calendar to
// the deadlines of one's requests (POST/GET/DELETE /api/v1/feeds), and set one's
// name, e-mail address and the daily reminder e-mail (PATCH /api/v1/session/profile).
import { api, get } from '../api.js';
import { h, toast } from '../dom.js';
import { t } from '../i18n.js';
import { go, renamed, session } from '../app.js';
import { field, setFieldError, showFieldErrors, clearErrors, focusFirstError, problemBox, showProblem } from './common.js';

// A timestamp as PostgreSQL writes it, to the minute.
const when = (at) => (at ? at.slice(0, 16).replace('T', ' ') : t('account.never'));

function passwordForm() {
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
  return { form, current };
}

// Where the account is signed in: each browser with its times, the one in use marked.
function sessionsCard() {
  const tbody = h('tbody');
  const intro = h('p', { class: 'muted' });
  const others = h('button', { type: 'button', id: 'sessions-end-others', hidden: true }, t('account.end_others'));
  const problem = problemBox('sessions-problem');
  const card = h('section', { class: 'card table-card', id: 'sessions' },
    h('h2', { class: 'card-title' }, t('account.sessions')), intro,
    h('table', { class: 'list', id: 'sessions-table' },
      h('thead', {}, h('tr', {}, [t('account.signed_in'), t('account.last_used'), t('account.ends'), t('account.address'), t('account.browser'), '']
        .map((x) => h('th', { scope: 'col' }, x)))), tbody),
    problem, h('div', { class: 'actions' }, others));
  async function end(ids) {
    showProblem(problem, '');
    try {
      for (const id of ids) await api('DELETE', `/api/v1/sessions/${id}`);
      toast(t('account.ended'));
      await load();
    } catch (e) { showProblem(problem, e.text()); }
  }
  async function load() {
    const data = await get('/api/v1/sessions');
    intro.textContent = t('account.sessions_intro', { hours: Math.round(data.lifetime_seconds / 3600), minutes: Math.round(data.idle_timeout_seconds / 60) });
    tbody.replaceChildren();
    for (const s of data.sessions)
      tbody.append(h('tr', { class: 'session', 'data-id': s.id, 'data-current': s.current ? 'true' : null },
        h('td', { 'data-label': t('account.signed_in') }, when(s.created_at)),
        h('td', { 'data-label': t('account.last_used') }, when(s.last_seen)),
        h('td', { 'data-label': t('account.ends') }, when(s.expires_at)),
        h('td', { 'data-label': t('account.address') }, s.address ?? '—'),
        h('td', { 'data-label': t('account.browser'), class: 'sub' }, s.user_agent ?? '—'),
        h('td', {}, s.current ? h('span', { class: 'tag' }, t('account.this_device'))
          : h('button', { type: 'button', class: 'session-end', onclick: () => end([s.id]) }, t('account.end')))));
    if (data.sessions.length === 0) tbody.append(h('tr', {}, h('td', { colspan: 6, class: 'empty' }, t('account.no_sessions'))));
    const rest = data.sessions.filter((s) => !s.current).map((s) => s.id);
    others.hidden = rest.length === 0;
    others.onclick = () => end(rest);
  }
  return { card, load };
}

// The account's API tokens (never the secret): revoke the ones no longer used.
function tokensCard() {
  const tbody = h('tbody');
  const problem = problemBox('tokens-problem');
  const card = h('section', { class: 'card table-card', id: 'tokens' },
    h('h2', { class: 'card-title' }, t('account.tokens')), h('p', { class: 'muted' }, t('account.tokens_intro')),
    h('table', { class: 'list', id: 'tokens-table' },
      h('thead', {}, h('tr', {}, [t('account.token_label'), t('account.created'), t('account.last_used'), t('account.state'), '']
        .map((x) => h('th', { scope: 'col' }, x)))), tbody), problem);
  async function load() {
    const data = await get('/api/v1/tokens');
    tbody.replaceChildren();
    for (const tk of [...data.tokens].reverse())
      tbody.append(h('tr', { class: 'token', 'data-id': tk.id, 'data-revoked': tk.revoked_at ? 'true' : null },
        h('td', { 'data-label': t('account.token_label') }, tk.label || '—'),
        h('td', { 'data-label': t('account.created') }, when(tk.created_at)),
        h('td', { 'data-label': t('account.last_used') }, when(tk.last_used)),
        h('td', { 'data-label': t('account.state') }, tk.revoked_at ? t('account.token_revoked', { at: when(tk.revoked_at) }) : t('account.token_valid')),
        h('td', {}, tk.revoked_at ? null : h('button', { type: 'button', class: 'token-revoke', onclick: async () => {
          showProblem(problem, '');
          try {
            await api('DELETE', `/api/v1/tokens/${tk.id}`);
            toast(t('account.revoked'));
            await load();
          } catch (e) { showProblem(problem, e.text()); }
        } }, t('account.revoke')))));
    if (data.tokens.length === 0) tbody.append(h('tr', {}, h('td', { colspan: 5, class: 'empty' }, t('account.no_tokens'))));
  }
  return { card, load };
}

// One's name as receipts show it (经办人), and the reminder e-mail: each working day in the
// morning, what of one's requests is overdue or due within 3 working days.
function profileCard() {
  const u = session.user;
  const name = h('input', { id: 'profile-name', name: 'display_name', maxlength: 100, value: u.name, autocomplete: 'name' });
  const email = h('input', { id: 'profile-email', name: 'email', type: 'email', maxlength: 254, value: u.email, autocomplete: 'email', placeholder: 'name@example.org' });
  const reminders = h('input', { type: 'checkbox', id: 'profile-reminders', name: 'reminders', checked: u.reminders });
  const problem = problemBox('profile-problem');
  const save = h('button', { class: 'primary', type: 'submit', id: 'profile-save' }, t('profile.save'));
  const form = h('form', { class: 'card', id: 'profile', novalidate: true },
    h('h2', { class: 'card-title' }, t('profile.title')),
    field(t('profile.name'), name, { hint: t('profile.name_hint') }),
    field(t('profile.email'), email),
    h('div', { class: 'field', 'data-field': 'reminders' },
      h('label', { class: 'inline' }, reminders, ' ', t('profile.reminders')),
      h('div', { class: 'hint' }, t('profile.reminders_hint')), h('div', { class: 'error', id: 'profile-reminders-error', 'aria-live': 'polite' })),
    problem, h('div', { class: 'actions' }, save));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    showProblem(problem, '');
    if (reminders.checked && !email.value.trim()) {
      setFieldError(email.closest('.field'), t('profile.email_needed'));
      focusFirstError(form);
      return;
    }
    save.disabled = true;
    try {
      const body = { email: email.value.trim() || null, reminders: reminders.checked };
      if (name.value.trim()) body.display_name = name.value.trim();
      const { data: me } = await api('PATCH', '/api/v1/session/profile', body);
      session.user.email = me.email ?? '';
      session.user.reminders = me.reminders;
      renamed(me.display_name || me.username);
      toast(t(me.reminders ? 'profile.saved_reminders' : 'profile.saved'));
    } catch (e) {
      const rest = showFieldErrors(form, e.problem);
      if (rest.length || !e.problem?.errors) showProblem(problem, e.text());
    } finally { save.disabled = false; }
  });
  return form;
}

// Calendar subscriptions of one's deadlines: made here, the address shown once to copy into
// a phone's or Outlook's calendar; listed (never the address again) and revoked.
function feedsCard() {
  const tbody = h('tbody');
  const problem = problemBox('feeds-problem');
  const scope = h('select', { id: 'feed-scope', name: 'scope' },
    h('option', { value: 'assigned' }, t('feeds.scope_assigned')), h('option', { value: 'bodies' }, t('feeds.scope_bodies')));
  const label = h('input', { id: 'feed-label', name: 'label', maxlength: 200, placeholder: t('feeds.label_hint') });
  const shown = h('div', { id: 'feed-new', hidden: true });
  const make = h('button', { type: 'button', class: 'primary', id: 'feed-create' }, t('feeds.create'));
  const card = h('section', { class: 'card table-card', id: 'feeds' },
    h('h2', { class: 'card-title' }, t('feeds.title')), h('p', { class: 'muted' }, t('feeds.intro')),
    field(t('feeds.scope'), scope), field(t('feeds.label'), label), h('div', { class: 'actions' }, make), shown,
    h('table', { class: 'list', id: 'feeds-table' },
      h('thead', {}, h('tr', {}, [t('account.token_label'), t('feeds.scope'), t('account.created'), t('feeds.last_fetched'), t('account.state'), '']
        .map((x) => h('th', { scope: 'col' }, x)))), tbody), problem);
  make.addEventListener('click', async () => {
    showProblem(problem, '');
    try {
      const { data: f } = await api('POST', '/api/v1/feeds', { scope: scope.value, ...(label.value.trim() ? { label: label.value.trim() } : {}) });
      const url = h('input', { id: 'feed-url', readonly: true, value: f.url, onfocus: (ev) => ev.target.select() });
      shown.replaceChildren(h('p', {}, t('feeds.created')), url,
        h('p', { class: 'muted' }, t('feeds.webcal'), ' ', h('a', { href: f.webcal_url, id: 'feed-webcal' }, t('feeds.open_calendar'))));
      shown.hidden = false;
      label.value = '';
      url.focus();
      await load();
    } catch (e) { showProblem(problem, e.text()); }
  });
  async function load() {
    const data = await get('/api/v1/feeds');
    tbody.replaceChildren();
    for (const f of [...data.feeds].reverse())
      tbody.append(h('tr', { class: 'feed', 'data-id': f.id, 'data-revoked': f.revoked_at ? 'true' : null },
        h('td', { 'data-label': t('account.token_label') }, f.label || '—'),
        h('td', { 'data-label': t('feeds.scope') }, t(f.scope === 'bodies' ? 'feeds.scope_bodies' : 'feeds.scope_assigned')),
        h('td', { 'data-label': t('account.created') }, when(f.created_at)),
        h('td', { 'data-label': t('feeds.last_fetched') }, when(f.last_fetched_at)),
        h('td', { 'data-label': t('account.state') }, f.revoked_at ? t('account.token_revoked', { at: when(f.revoked_at) }) : t('account.token_valid')),
        h('td', {}, f.revoked_at ? null : h('button', { type: 'button', class: 'feed-revoke', onclick: async () => {
          showProblem(problem, '');
          try {
            await api('DELETE', `/api/v1/feeds/${f.id}`);
            toast(t('feeds.revoked'));
            await load();
          } catch (e) { showProblem(problem, e.text()); }
        } }, t('account.revoke')))));
    if (data.feeds.length === 0) tbody.append(h('tr', {}, h('td', { colspan: 6, class: 'empty' }, t('feeds.none'))));
  }
  return { card, load };
}

export async function render(main) {
  const { form, current } = passwordForm();
  const sessions = sessionsCard();
  const tokens = tokensCard();
  const feeds = feedsCard();
  main.append(h('div', { class: 'login-wrap' }, form), profileCard(), sessions.card, feeds.card, tokens.card);
  current.focus();
  await Promise.all([sessions.load(), feeds.load(), tokens.load()]);
}
