// The work queue (home page): open requests by due date in three bands —
// overdue, due within 3 working days, later — with counts, filters (body,
// status, a band) and search.  The filters live in the address (#/queue?…)
// so a reload or the back button keeps them.  Overdue rows stand out on
// screen and on paper.
import { get } from '../api.js';
import { ageText } from './online.js';
import { h, clear, select } from '../dom.js';
import { t } from '../i18n.js';
import { go, session, setParams, canAny, today, highestRole } from '../app.js';
import { statusTag, leftText, dateWithWeekday } from './common.js';

const BANDS = ['overdue', 'due_soon', 'later'];
const OPEN = ['registered', 'awaiting_correction', 'consulting', 'awaiting_payment'];
// what a row's attention date is when it is not the reply due date: the
// window of a paused clock (a consultation, a fee), or a date of one of its
// reconsiderations or suits (the authority's decision, the defence, a
// hearing, the court's period, an appeal or suit window)
const PAUSES = new Set(['third_party_reply', 'fee_payment', 'correction_period']);
const REMEDIES = new Set(['reconsideration_decision', 'suit_after_reconsideration', 'court_defence', 'court_hearing', 'court_decision', 'appeal']);

export async function render(main, args, params) {
  const search = h('input', { type: 'search', id: 'queue-search', name: 'q', value: params.get('q') || '', placeholder: t('queue.search'), 'aria-label': t('queue.search'), maxlength: 200 });
  const bodies = session.bodies;
  const body = bodies.length > 1
    ? select('body', [['', t('queue.all_bodies')], ...bodies.map((b) => [String(b.id), b.name])], params.get('body') || '', { id: 'queue-body', 'aria-label': t('intake.body') })
    : null;
  const status = select('status', [['', t('queue.all_statuses')], ...OPEN.map((s) => [s, t(`status.${s}`)]), ['closed', t('queue.closed_remedies')]],
    params.get('status') || '', { id: 'queue-status', 'aria-label': t('col.status') });
  // whose: 「我的待办」 (a handler's default), everything, what nobody handles yet, or what a body above supervises (督办)
  const whoDefault = highestRole() === 'handler' ? 'mine' : 'all';
  const who = select('who', [['mine', t('queue.who_mine')], ['all', t('queue.who_all')], ['none', t('queue.who_none')], ['supervised', t('queue.who_supervised')]],
    ['mine', 'all', 'none', 'supervised'].includes(params.get('who')) ? params.get('who') : whoDefault, { id: 'queue-who', 'aria-label': t('queue.who') });
  const bandsEl = h('div', { class: 'bands', role: 'group', 'aria-label': t('queue.bands') });
  const tableWrap = h('div', { class: 'card table-card', id: 'queue-list' });
  const stamp = h('p', { class: 'muted print-only', id: 'queue-stamp' });
  let band = BANDS.includes(params.get('band')) ? params.get('band') : '';
  main.append(
    h('div', { class: 'page-head' }, h('h1', { id: 'queue-title' }, t(who.value === 'mine' ? 'queue.title_mine' : 'queue.title')), h('span', { class: 'muted', id: 'queue-today' }, t('queue.today', { date: dateWithWeekday(today()) })),
      canAny('clerk') ? h('a', { class: 'button primary no-print', href: '#/intake', id: 'queue-new' }, t('nav.intake')) : null,
      h('button', { type: 'button', class: 'no-print', id: 'queue-print', onclick: () => window.print() }, t('queue.print'))),
    h('div', { class: 'toolbar no-print' }, who, search, body, status),
    bandsEl, stamp, tableWrap);

  let data = null;
  async function load() {
    const p = new URLSearchParams();
    if (search.value.trim()) p.set('q', search.value.trim());
    if (body?.value) p.set('body_id', body.value);
    if (status.value) p.set('status', status.value);
    if (who.value === 'mine') p.set('assignee', 'me');
    else if (who.value === 'none') p.set('assignee', 'none');
    else if (who.value === 'supervised') p.set('supervised', 'true');
    data = await get(`/api/v1/queue${p.toString() ? `?${p}` : ''}`);
    draw();
  }
  function keep() {
    const p = new URLSearchParams();
    if (search.value.trim()) p.set('q', search.value.trim());
    if (body?.value) p.set('body', body.value);
    if (status.value) p.set('status', status.value);
    if (band) p.set('band', band);
    if (who.value !== whoDefault) p.set('who', who.value);
    setParams(p);
  }
  // open and closed rows together, by the date that asks for attention first
  const when = (r) => r.attention_on || r.due_on || '9999';
  function rowsOf(b) {
    return data[b].slice().sort((x, y) => (when(x) < when(y) ? -1 : when(x) > when(y) ? 1 : 0));
  }
  // the server counts every request in scope but sends the first `limit` of a band
  function moreRow(b) {
    const n = data.more?.[b] || 0;
    return n > 0 ? h('tr', { class: 'more' }, h('td', { colspan: 8, class: 'muted', id: `queue-more-${b}` }, t('queue.more', { n }))) : null;
  }
  function draw() {
    const counts = Object.fromEntries(BANDS.map((b) => [b, data.counts[b]]));
    document.title = counts.overdue ? `(${counts.overdue}) ${t('queue.title')} · ${t('app.title')}` : `${t('queue.title')} · ${t('app.title')}`;
    clear(bandsEl);
    for (const b of BANDS)
      bandsEl.append(h('button', {
        type: 'button', class: `band ${b}${band === b ? ' selected' : ''}${b === 'overdue' && counts.overdue ? ' alarm' : ''}`,
        id: `band-${b}`, 'aria-pressed': band === b ? 'true' : 'false',
        onclick: () => { band = band === b ? '' : b; keep(); draw(); },
      }, h('span', { class: 'n' }, counts[b]), h('span', { class: 'label' }, t(`queue.${b}`))));
    // 网上申请待确认: submitted online, not yet registered (the clock starts at confirmation)
    const online = data.online_pending;
    if (online && online.count > 0)
      bandsEl.append(h('a', { class: 'band online', id: 'band-online', href: '#/online' },
        h('span', { class: 'n' }, online.count), h('span', { class: 'label' }, t('queue.online')),
        h('span', { class: 'muted' }, t('online.oldest', { age: ageText(online.oldest_age_seconds) }))));
    // 网上补正待确认: applicants' online answers to corrections, not yet confirmed or returned
    const answers = data.online_corrections_pending;
    if (answers && answers.count > 0)
      bandsEl.append(h('a', { class: 'band online', id: 'band-online-corrections', href: `#/request/${answers.oldest_request_id}` },
        h('span', { class: 'n' }, answers.count), h('span', { class: 'label' }, t('queue.online_corrections')),
        h('span', { class: 'muted' }, t('online.oldest', { age: ageText(answers.oldest_age_seconds) }))));
    stamp.textContent = t('queue.printed', { date: today(), n: counts.overdue });
    clear(tableWrap);
    const shown = BANDS.filter((b) => (!band || band === b) && counts[b] > 0);
    if (shown.length === 0) {
      // the closed filter shows only requests with a reconsideration or suit date still running
      const none = status.value === 'closed' && !search.value && !body?.value ? 'queue.none_closed'
        : search.value || status.value || body?.value ? 'queue.none_match' : who.value === 'mine' ? 'queue.none_mine' : who.value === 'supervised' ? 'queue.none_supervised' : 'queue.empty';
      tableWrap.append(h('p', { class: 'empty', id: 'queue-empty' }, t(none),
        none === 'queue.none_closed' ? [' ', h('a', { href: '#/list?status=closed', id: 'queue-all-closed' }, t('queue.all_closed'))] : null));
      return;
    }
    tableWrap.append(h('table', { class: 'list queue', id: 'queue-table' },
      h('thead', {}, h('tr', {}, [t('col.tracking'), t('col.applicant'), t('col.content'), t('col.assignee'), t('col.received'), t('col.due'), t('col.left'), t('col.status')].map((x) => h('th', { scope: 'col' }, x)))),
      shown.map((b) => h('tbody', { class: `band-${b}`, 'data-band': b },
        h('tr', { class: `band-head ${b}` }, h('th', { colspan: 8, scope: 'rowgroup' }, `${t(`queue.${b}`)} · ${t('queue.count', { n: counts[b] })}`)),
        rowsOf(b).map((r) => row(b, r)), moreRow(b)))));
  }
  function row(b, r) {
    // a paused clock (consultation, fee) or a remedy is counted by what someone must do next
    const kind = r.attention_on && (PAUSES.has(r.attention_kind) || REMEDIES.has(r.attention_kind)) ? r.attention_kind : null;
    const provisional = !kind && r.due_on && r.provisional_deadline;
    return h('tr', { class: `row ${b}${kind ? ' attention' : ''}`, 'data-id': r.id, onclick: (e) => { if (!e.target.closest('a')) go(`/request/${r.id}`); } },
      h('td', { class: 'c-no', 'data-label': t('col.tracking') }, h('a', { href: `#/request/${r.id}`, class: 'tracking' }, r.tracking_no),
        b === 'overdue' ? h('span', { class: 'overdue-mark' }, t('queue.overdue_mark')) : null,
        bodies.length > 1 ? h('div', { class: 'sub' }, r.body_name) : null),
      h('td', { class: 'c-app', 'data-label': t('col.applicant') }, r.applicant.name, h('span', { class: 'sub' }, ` ${t(`kind.${r.applicant.kind}`)}`)),
      // the paper register's content column: what is asked, cut short on screen, whole on paper
      h('td', { class: 'c-content', 'data-label': t('col.content') }, h('span', { class: 'content', title: r.description }, r.description)),
      h('td', { class: 'c-who', 'data-label': t('col.assignee') }, r.assignee ? r.assignee.name : h('span', { class: 'muted' }, t('assign.nobody')),
        r.unit ? h('div', { class: 'sub' }, r.unit) : null,
        r.supervision ? h('span', { class: 'tag supervised', title: r.supervision.note }, t('assign.supervised_tag', { date: r.supervision.report_by })) : null),
      h('td', { class: 'c-rec', 'data-label': t('col.received') }, r.received_on),
      h('td', { class: 'c-due', 'data-label': t('col.due'), 'data-kind': kind }, kind
        ? [h('span', { class: REMEDIES.has(kind) ? 'remedy-date' : null }, `${t(`attention.${kind}`)} ${r.attention_on}`),
          h('div', { class: 'sub' }, kind === 'correction_period' ? t('queue.clock_stopped') : PAUSES.has(kind) ? t('queue.paused')
            : r.status === 'closed' ? t('queue.remedy_note') : `${t('col.due')} ${r.due_on || t('queue.clock_stopped')}`)]
        : [r.due_on || t('queue.clock_stopped'), provisional ? h('span', { class: 'tag provisional', title: t('request.provisional') }, t('mark.provisional')) : null]),
      // a count that runs into a year whose holidays are not loaded is provisional
      h('td', { class: 'c-left', 'data-label': t('col.left') }, h('span', { class: `tag ${b}` }, leftText(r.workdays_left)),
        provisional ? h('span', { class: 'tag provisional', title: t('request.provisional') }, t('mark.provisional')) : null),
      h('td', { class: 'c-status', 'data-label': t('col.status') }, statusTag(r)));
  }

  let timer;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { keep(); load(); }, 250); });
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') { clearTimeout(timer); keep(); load(); } });
  body?.addEventListener('change', () => { keep(); load(); });
  status.addEventListener('change', () => { keep(); load(); });
  who.addEventListener('change', () => { document.getElementById('queue-title').textContent = t(who.value === 'mine' ? 'queue.title_mine' : 'queue.title'); keep(); load(); });
  // a queue left open all day: fresh when the clerk comes back to it
  const refresh = () => { if (document.visibilityState === 'visible' && main.contains(tableWrap)) load().catch(() => {}); };
  document.addEventListener('visibilitychange', refresh);
  window.addEventListener('hashchange', () => document.removeEventListener('visibilitychange', refresh), { once: true });
  await load();
}
