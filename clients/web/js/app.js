// The front-desk client: hash routes, the session, the navigation of the
// role's actions.  Pages live in pages/*.js and use only the public API.
import { api, get, setUnauthenticatedHandler } from './api.js';
import { h, clear, toast } from './dom.js';
import { t, lang, setLang } from './i18n.js';

export const session = { user: null, roles: [], bodies: [] };
const ROLE_ORDER = ['auditor', 'clerk', 'handler', 'approver', 'admin'];
export function hasRole(role) {
  return session.roles.some((r) => ROLE_ORDER.indexOf(r.role) >= ROLE_ORDER.indexOf(role));
}

const routes = {
  login: () => import('./pages/login.js'),
  queue: () => import('./pages/queue.js'),
  intake: () => import('./pages/intake.js'),
  list: () => import('./pages/list.js'),
  request: () => import('./pages/request.js'),
};

function nav() {
  const el = clear(document.getElementById('nav'));
  if (!session.user) return;
  const here = location.hash.split('/')[1] || 'queue';
  const items = [['queue', 'nav.queue', 'auditor'], ['intake', 'nav.intake', 'clerk'], ['list', 'nav.list', 'auditor'],
    ['reports', 'nav.reports', 'auditor'], ['calendar', 'nav.calendar', 'auditor']];
  for (const [name, key, role] of items.filter(([name]) => routes[name]))
    if (hasRole(role)) el.append(h('a', { href: `#/${name}`, class: here === name ? 'active' : null, id: `nav-${name}` }, t(key)));
  document.getElementById('who').textContent = `${session.user.username}`;
  document.getElementById('logout').hidden = false;
}

export async function loadSession() {
  try {
    const me = await get('/api/v1/session');
    session.user = { id: me.user_id, username: me.username };
    session.roles = me.roles;
    session.bodies = (await get('/api/v1/bodies')).bodies;
    return true;
  } catch {
    session.user = null;
    return false;
  }
}

export function go(path) { if (location.hash !== `#${path}`) location.hash = path; else render(); }

async function render() {
  const [, page = 'queue', ...args] = (location.hash || '#/queue').split('/');
  if (!session.user && page !== 'login') {
    if (!(await loadSession())) { go('/login'); return; }
  }
  nav();
  const main = clear(document.getElementById('app'));
  const load = routes[page] || routes.queue;
  try {
    const mod = await load();
    await mod.render(main, args.map(decodeURIComponent));
  } catch (e) {
    main.append(h('div', { class: 'problem' }, e.message || t('err.generic')));
  }
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
}

setUnauthenticatedHandler(() => { session.user = null; go('/login'); });
window.addEventListener('hashchange', render);
document.getElementById('lang').textContent = t('nav.lang');
document.getElementById('lang').addEventListener('click', () => { setLang(lang === 'zh' ? 'en' : 'zh'); location.reload(); });
document.getElementById('logout').textContent = t('nav.logout');
document.getElementById('logout').addEventListener('click', async () => {
  try { await api('DELETE', '/api/v1/session'); } catch { /* already gone */ }
  session.user = null;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  toast(t('nav.logout'));
  go('/login');
});
setLang(lang);
render();
