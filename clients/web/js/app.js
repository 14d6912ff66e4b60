// The front-desk client: hash routes (#/page/arg?filters), the session and
// its roles per body, the navigation of the role's actions.  Pages live in
// pages/*.js and use only the public API.
import { api, get, setUnauthenticatedHandler } from './api.js';
import { h, clear, toast, toastLeaves } from './dom.js';
import { t, lang, setLang } from './i18n.js';

// calendarAdmin: the caller may change the working-day calendar (an admin of a
// top-level body, as GET /session says: the client does not see every body's parent)
export const session = { user: null, roles: [], bodies: [], today: null, calendarAdmin: false };
const ROLE_ORDER = ['auditor', 'clerk', 'handler', 'approver', 'admin'];
const rank = (role) => ROLE_ORDER.indexOf(role);

// The caller holds at least role on the body (or one of its ancestors).
export function can(role, bodyId) {
  const body = session.bodies.find((b) => b.id === Number(bodyId));
  const path = body?.path?.length ? body.path : [Number(bodyId)];
  return session.roles.some((g) => rank(g.role) >= rank(role) && path.includes(g.body_id));
}
// The caller holds at least role on some body.
export function canAny(role) {
  return session.roles.some((g) => rank(g.role) >= rank(role));
}
export function highestRole() {
  return session.roles.reduce((best, g) => (rank(g.role) > rank(best) ? g.role : best), 'auditor');
}
export function bodyName(id) {
  return session.bodies.find((b) => b.id === Number(id))?.name ?? String(id);
}
export function today() {
  return session.today || new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}

const routes = {
  login: () => import('./pages/login.js'),
  queue: () => import('./pages/queue.js'),
  intake: () => import('./pages/intake.js'),
  receipt: () => import('./pages/receipt.js'),
  list: () => import('./pages/list.js'),
  request: () => import('./pages/request.js'),
  letter: () => import('./pages/letter.js'),
  calendar: () => import('./pages/calendar.js'),
  password: () => import('./pages/password.js'),
  account: () => import('./pages/password.js'),
  report: () => import('./pages/report.js'),
  audit: () => import('./pages/audit.js'),
  settings: () => import('./pages/settings.js'),
  online: () => import('./pages/online.js'),
  dashboard: () => import('./pages/dashboard.js'),
  import: () => import('./pages/register_import.js'),
};
// The caller may read the audit log: auditor or admin on some body (the
// auditor role is read-only, outside the clerk < … < admin order).
export function canAudit() {
  return session.roles.some((g) => g.role === 'auditor' || g.role === 'admin');
}
// [route, label, least role on some body, or a check of the caller's roles]
const NAV = [['queue', 'nav.queue', 'auditor'], ['intake', 'nav.intake', 'clerk'], ['online', 'nav.online', 'auditor'], ['list', 'nav.list', 'auditor'],
  ['dashboard', 'nav.dashboard', 'approver'], ['report', 'nav.report', 'auditor'], ['calendar', 'nav.calendar', 'auditor'], ['audit', 'nav.audit', canAudit],
  ['settings', 'nav.settings', 'admin'], ['import', 'nav.import', 'admin']];

// The current route: #/page/arg1/arg2?k=v
export function route() {
  const [path, qs = ''] = (location.hash.slice(1) || '/queue').split('?');
  const [page = 'queue', ...args] = path.split('/').filter(Boolean);
  return { page, args: args.map(decodeURIComponent), params: new URLSearchParams(qs) };
}

export function go(path) {
  toastLeaves(`#${path}`, true);
  if (location.hash !== `#${path}`) location.hash = path;
  else render();
}

// Replaces the route's query (filters) without a new history entry or a re-render.
export function setParams(params) {
  const { page, args } = route();
  const qs = params.toString();
  history.replaceState(null, '', `#/${[page, ...args].map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`);
}

function nav(page) {
  const el = clear(document.getElementById('nav'));
  const who = document.getElementById('who');
  const logout = document.getElementById('logout');
  if (!session.user) { who.textContent = ''; logout.hidden = true; return; }
  for (const [name, key, role] of NAV)
    if (typeof role === 'function' ? role() : canAny(role)) el.append(h('a', { href: `#/${name}`, id: `nav-${name}`, class: page === name ? 'active' : null, 'aria-current': page === name ? 'page' : null }, t(key)));
  who.textContent = session.roles.length ? `${session.user.name} · ${t(`role.${highestRole()}`)}` : session.user.name;
  who.title = t('account.title');
  logout.hidden = false;
}

// After one's own display name changed: the header shows the new one.
export function renamed(name) {
  session.user.name = name;
  nav(route().page);
}

export async function loadSession() {
  try {
    const me = await get('/api/v1/session');
    // name: what people read (the display name, else the username)
    session.user = { id: me.user_id, username: me.username, name: me.display_name || me.username,
      email: me.email ?? '', reminders: me.reminders === true };
    session.roles = me.roles;
    session.today = me.today;
    session.calendarAdmin = me.calendar_admin === true;
    session.bodies = (await get('/api/v1/bodies')).bodies;
    return true;
  } catch {
    session.user = null;
    return false;
  }
}

let rendering = 0;
export async function render() {
  const seq = ++rendering;
  const { page, args, params } = route();
  if (!session.user && page !== 'login') {
    if (!(await loadSession())) {
      const next = location.hash.slice(1);
      go(`/login${next && !next.startsWith('/login') ? `?next=${encodeURIComponent(next)}` : ''}`);
      return;
    }
  }
  if (seq !== rendering) return;
  toastLeaves(location.hash, false);
  nav(page);
  // each render draws into its own element: a page still loading when the
  // user moves on writes into a detached one, never over the next page
  const main = h('div', { class: 'view' });
  const app = clear(document.getElementById('app'));
  app.append(main);
  app.setAttribute('aria-busy', 'true');
  // an account without any role (all revoked) can log in and look after its account, nothing more
  if (session.user && session.roles.length === 0 && !['login', 'password', 'account'].includes(page)) {
    main.append(h('div', { class: 'problem', id: 'no-roles' }, t('login.no_roles')));
    app.removeAttribute('aria-busy');
    return;
  }
  try {
    let mod;
    try {
      mod = await (routes[page] || routes.queue)();
    } catch (e) {
      // a module of an older release is gone (ogid was upgraded): load the new one, once
      if (!sessionStorage.getItem('ogi.reloaded')) { sessionStorage.setItem('ogi.reloaded', '1'); location.reload(); return; }
      throw e;
    }
    sessionStorage.removeItem('ogi.reloaded');
    await mod.render(main, args, params);
    // an office still called 「本机关」 (the first start's name): its admin is asked for the real one
    if (seq === rendering && page !== 'login' && page !== 'password') import('./pages/name_prompt.js').then((m) => m.maybeAsk());
  } catch (e) {
    if (seq !== rendering) return;
    main.append(h('div', { class: 'problem', role: 'alert' }, e.text ? e.text() : (e.message || t('err.generic'))));
  }
  app.removeAttribute('aria-busy');
  if (seq === rendering && !main.contains(document.activeElement)) {
    const first = main.querySelector('[autofocus]') || main.querySelector('h1');
    if (first) { if (!first.hasAttribute('tabindex') && first.tagName === 'H1') first.setAttribute('tabindex', '-1'); first.focus({ preventScroll: true }); }
  }
}

export async function logout() {
  try { await api('DELETE', '/api/v1/session'); } catch { /* already gone */ }
  session.user = null;
  session.roles = [];
  session.calendarAdmin = false;
  // a shared desk computer: drafts with applicants' data go with the session
  for (const k of Object.keys(sessionStorage)) if (k.startsWith('ogi.draft')) sessionStorage.removeItem(k);
  toast(t('nav.logged_out'));
  go('/login');
}

setUnauthenticatedHandler(() => {
  if (!session.user) return;
  session.user = null;
  const next = location.hash.slice(1);
  toast(t('login.expired'));
  go(`/login?next=${encodeURIComponent(next)}`);
});

function chrome() {
  document.title = t('app.title');
  document.querySelector('.brand').textContent = t('app.title');
  document.querySelector('.skip').textContent = t('nav.skip');
  const langButton = document.getElementById('lang');
  langButton.textContent = t('nav.lang');
  langButton.setAttribute('lang', lang === 'zh' ? 'en' : 'zh-CN');
  document.getElementById('logout').textContent = t('nav.logout');
}

document.getElementById('lang').addEventListener('click', () => {
  // pages keep what was typed in drafts (sessionStorage), so a re-render loses nothing
  setLang(lang === 'zh' ? 'en' : 'zh');
  chrome();
  render();
});
document.getElementById('logout').addEventListener('click', logout);
// the skip link moves the focus without touching the route in the address
document.querySelector('.skip').addEventListener('click', (e) => { e.preventDefault(); document.getElementById('app').focus(); });
window.addEventListener('hashchange', render);
setLang(lang);
chrome();
render();
