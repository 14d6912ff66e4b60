// 邮件提醒: the e-mail digests of the users of the bodies the caller
// administers that could not be sent (GET /api/v1/reminders: failed ones, and
// queued ones that failed before and wait for their next attempt), each with
// the mail server's answer, and a button that sends a failed one again (POST
// /api/v1/reminders/{id}/retry).  On the settings page, for administrators.
import { api } from '../api.js';
import { h, toast } from '../dom.js';
import { t } from '../i18n.js';
import { problemBox, showProblem } from './common.js';

const when = (x) => (x ? x.slice(0, 16).replace('T', ' ') : '—');

export async function remindersCard() {
  const problem = problemBox('reminders-problem');
  const body = h('tbody', { id: 'reminders-rows' });
  const none = h('p', { class: 'muted', id: 'reminders-none' }, t('rem.none'));
  const table = h('table', { class: 'list', id: 'reminders-table', 'aria-label': t('rem.caption') },
    h('thead', {}, h('tr', {}, [t('rem.user'), t('rem.email'), t('rem.day'), t('rem.status'), t('rem.attempts'),
      t('rem.error'), t('rem.next'), ''].map((x) => h('th', { scope: 'col' }, x)))), body);
  async function load() {
    const [failed, queued] = await Promise.all([api('GET', '/api/v1/reminders?status=failed'),
      api('GET', '/api/v1/reminders?status=queued')]);
    const rows = [...failed.data.reminders, ...queued.data.reminders.filter((d) => d.attempts > 0)];
    body.replaceChildren(...rows.map(row));
    table.hidden = rows.length === 0;
    none.hidden = rows.length > 0;
  }
  function row(d) {
    const cells = [
      h('td', { 'data-label': t('rem.user') }, d.user.display_name || d.user.username),
      h('td', { 'data-label': t('rem.email') }, d.email),
      h('td', { 'data-label': t('rem.day') }, d.day),
      h('td', { 'data-label': t('rem.status') }, t(`rem.st.${d.status}`)),
      h('td', { 'data-label': t('rem.attempts') }, String(d.attempts)),
      h('td', { 'data-label': t('rem.error') }, d.last_error || '—'),
      h('td', { 'data-label': t('rem.next') }, d.status === 'queued' ? when(d.next_attempt_at) : '—'),
    ];
    const td = h('td', {});
    if (d.status === 'failed') {
      const b = h('button', { type: 'button', class: 'reminder-retry', 'data-id': String(d.id) }, t('rem.retry'));
      b.addEventListener('click', async () => {
        b.disabled = true;
        showProblem(problem, '');
        try {
          await api('POST', `/api/v1/reminders/${d.id}/retry`);
          toast(t('rem.retried', { name: d.user.display_name || d.user.username }));
          await load();
        } catch (e) {
          showProblem(problem, e.text());
          b.disabled = false;
        }
      });
      td.append(b);
    }
    return h('tr', {}, ...cells, td);
  }
  await load();
  return h('section', { class: 'card', id: 'reminders-card', 'aria-labelledby': 'reminders-h' },
    h('h2', { id: 'reminders-h' }, t('rem.title')), h('p', { class: 'hint' }, t('rem.intro')), none, table, problem);
}
