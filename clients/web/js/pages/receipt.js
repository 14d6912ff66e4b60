// The printable acknowledgement of receipt (受理回执) of one request: shown
// right after intake and reprintable from the request page.  Only the
// receipt goes to paper (print CSS).  It can also be issued as a letter of
// its own (kind receipt, with a 文号 of the receipts' series) and printed as
// the letters print; once issued, that letter is what is reprinted here.
import { api, get } from '../api.js';
import { h, clear, toast } from '../dom.js';
import { t } from '../i18n.js';
import { can, go, today } from '../app.js';
import { dateWithWeekday, problemBox, showProblem } from './common.js';
import { lettersPath, letterPath, ask, printUrl, seriesOf } from './letters.js';

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
    receiptLetter(r),
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

// The receipt as a letter: print the issued one, continue a draft, or issue one now (the clerk who registers may).
function receiptLetter(r) {
  const box = h('div', { class: 'actions no-print', id: 'receipt-letter' });
  const problem = problemBox('receipt-letter-problem');
  const wrap = h('div', { class: 'no-print' }, box, problem);
  async function fill() {
    const list = (await api('GET', lettersPath(r.id))).data;
    const mine = list.letters.filter((l) => l.kind === 'receipt' && l.status !== 'void');
    const issued = mine.find((l) => l.status === 'issued');
    const pending = mine.find((l) => l.status === 'draft');
    clear(box);
    if (issued) {
      box.append(h('span', { class: 'hint' }, t('receipt.letter_issued', { ref: issued.ref })),
        h('button', { type: 'button', id: 'receipt-letter-print', onclick: () => printUrl(`${letterPath(r.id, issued.id)}?type=html`) }, t('receipt.letter_print')),
        h('a', { class: 'button', href: `#/letter/${r.id}/${issued.id}`, id: 'receipt-letter-open' }, t('receipt.letter_open')));
    } else if (pending) {
      box.append(h('a', { class: 'button', href: `#/letter/${r.id}/${pending.id}`, id: 'receipt-letter-open' }, t('receipt.letter_draft')));
    } else if (list.possible.includes('receipt')) {
      const b = h('button', { type: 'button', id: 'receipt-letter-issue' }, t('receipt.letter_issue'));
      b.addEventListener('click', () => issue(b));
      box.append(b, h('span', { class: 'hint' }, t('receipt.letter_hint')));
    }
  }
  async function issue(button) {
    showProblem(problem, '');
    let body = null;
    try { body = (await api('GET', `/api/v1/bodies/${r.body_id}`)).data; } catch { body = null; }
    const series = seriesOf(body, 'receipt', today());
    ask({ id: 'receipt-issue-dialog', title: t('receipt.letter_issue'),
      text: [series ? t('letter.issue_series', { series }) : t('letter.issue_series_unknown'), t('letter.issue_frozen')],
      ok: t('letter.issue_ok'),
      action: async () => {
        const d = (await api('POST', lettersPath(r.id), { kind: 'receipt' })).data;
        // a fact the record lacks: the draft is completed on its page first
        if (d.has_blanks) { go(`/letter/${r.id}/${d.id}`); return; }
        const x = (await api('POST', `${letterPath(r.id, d.id)}/issue`, undefined, { 'If-Match': `"${d.version}"` })).data;
        toast(t('letter.issued_ok', { ref: x.ref }));
        await fill();
        printUrl(`${letterPath(r.id, x.id)}?type=html`);
      } });
    button.blur();
  }
  fill().catch((e) => showProblem(problem, e.text ? e.text() : e.message));
  return wrap;
}
