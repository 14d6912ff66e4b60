// The printable acknowledgement of receipt (受理回执) of one request: shown
// right after intake and reprintable from the request page.  Only the
// receipt goes to paper (print CSS).
import { get } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { can } from '../app.js';
import { dateWithWeekday } from './common.js';

export async function render(main, [id], params) {
  const [r, ev] = await Promise.all([get(`/api/v1/requests/${Number(id)}`), get(`/api/v1/requests/${Number(id)}/events`)]);
  // the clerk who registered it, by the name people read (never the login name when a display name is set)
  const registered = ev.events.find((e) => e.type === 'registered');
  const clerk = registered?.actor_name || registered?.actor || '';
  const period = r.regime === '2008' ? 15 : 20;
  const form = [r.form?.medium ? t(`medium.${r.form.medium}`) : null, r.form?.delivery ? t(`delivery.${r.form.delivery}`) : null].filter(Boolean).join(' · ');
  const rows = [
    ['receipt.no', h('strong', { id: 'receipt-no' }, r.tracking_no)],
    ['receipt.body', r.body_name],
    ['receipt.applicant', r.applicant.name],
    ['receipt.channel', t(`channel.${r.channel}`)],
    ['receipt.received', dateWithWeekday(r.received_on)],
    ['receipt.due', h('strong', { id: 'receipt-due' }, r.due_on ? dateWithWeekday(r.due_on) : t('queue.clock_stopped'))],
    ['receipt.content', r.description],
    form ? ['receipt.form', form] : null,
  ].filter(Boolean);
  const print = h('button', { class: 'primary', type: 'button', id: 'print-receipt', onclick: () => window.print(), autofocus: true }, t('receipt.print'));
  main.append(
    h('div', { class: 'actions no-print' },
      params.get('new') ? h('span', { class: 'tag saved', id: 'saved-tag', role: 'status' }, t('receipt.saved', { no: r.tracking_no })) : null,
      print,
      can('clerk', r.body_id) ? h('a', { class: 'button', href: '#/intake', id: 'intake-another' }, t('intake.another')) : null,
      h('a', { class: 'button', href: `#/request/${r.id}`, id: 'receipt-request' }, t('receipt.open_request'))),
    h('article', { class: 'receipt', id: 'receipt' },
      h('h1', {}, t('receipt.title')),
      h('table', {}, h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, t(k)), h('td', {}, v))))),
      h('p', {}, t(r.regime === '2008' ? 'receipt.note_2008' : 'receipt.note', { n: period })),
      h('p', {}, t('receipt.keep', { no: r.tracking_no })),
      h('div', { class: 'signature' },
        h('p', {}, `${t('receipt.body')}：${r.body_name}${t('receipt.seal')}`),
        h('p', {}, `${t('receipt.clerk')}：${clerk}`),
        h('p', {}, `${t('receipt.date')}：${r.received_on}`))));
  print.focus();
}
