// The letters (文书) of a request, on its page: each letter in words with its
// 文号 (or 「草稿」), its state, date and service, and a button for each kind
// the request may have now — GET …/letters gives them (`possible`: lib/letter's
// rules and the caller's role), so the page offers exactly what the API
// drafts.  Also what the letter page and the receipt share: the kinds and the
// methods of service in words, the blanks 【待填写：…】, a confirmation dialog
// and printing a letter's own HTML.
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { go } from '../app.js';
import { dateWithWeekday, problemBox, showProblem, field, setFieldError, errorMessage } from './common.js';

// the order the kinds are offered in: as a case meets them
export const KIND_ORDER = ['receipt', 'correction_notice', 'extension_notice', 'delay_notice', 'third_party_consultation',
  'consultation_notice', 'body_consultation', 'override_notice', 'fee_notice', 'reply'];
export const METHODS = ['in_person', 'post', 'email', 'online', 'fax', 'left_at_address', 'public_notice'];
// lib/letter.h OGI_LETTER_BLANK_OPEN: a fact the record lacks, to be filled in before issuing
export const BLANK = '【待填写：';
const BLANK_RE = /【待填写：([^】]*)】?/g;

// lib/roles.c: who drafts and who issues a letter of a kind
export const issueRole = (kind) => (kind === 'receipt' ? 'clerk' : 'approver');
export const draftRole = (kind) => (kind === 'reply' ? 'handler' : 'clerk');
// the 文号's series of a letter: 机关代字 + the kind's code + 〔year〕 (GET /bodies/{id})
export function seriesOf(body, kind, date) {
  return body ? `${body.letter_prefix || ''}${body.kind_codes?.[kind] || ''}〔${date.slice(0, 4)}〕` : null;
}

export const lettersPath = (rid) => `/api/v1/requests/${rid}/letters`;
export const letterPath = (rid, lid) => `${lettersPath(rid)}/${lid}`;

// The blanks of a text: [{label, start, end}].
export function blanksOf(text) {
  return [...(text || '').matchAll(BLANK_RE)].map((m) => ({ label: m[1], start: m.index, end: m.index + m[0].length }));
}

// A letter's kind in words; a reply says its outcome.
export function kindText(l) {
  return l.kind === 'reply' && l.outcome ? t('letter.kind.reply_of', { outcome: t(`outcome.${l.outcome}`) }) : t(`letter.kind.${l.kind}`);
}
export function letterStatusTag(l) {
  return h('span', { class: `tag letter-${l.status}`, id: `letter-status-${l.id}` }, t(`letter.status.${l.status}`));
}
// the 文号, or 「草稿」 for a letter never issued
export function refText(l) {
  return l.ref || t('letter.no_ref');
}

// One delivery in words: the method, the dates it has, the legal date of service
// (the dates alone when the method and the legal date are shown beside).
export function deliveryText(d, datesOnly = false) {
  const parts = datesOnly ? [] : [t(`svc.method.${d.method}`)];
  if (d.sent_on) parts.push(t(`svc.sent.${d.method}`, { date: d.sent_on }));
  if (d.post_tracking_no) parts.push(t('svc.tracking', { no: d.post_tracking_no }));
  if (d.served_on) parts.push(t(d.method === 'public_notice' ? 'svc.deemed' : 'svc.signed', { date: d.served_on }));
  if (d.signed_by) parts.push(t('svc.signed_by', { name: d.signed_by }));
  if (!datesOnly) parts.push(d.legal_on ? t('svc.legal_on', { date: d.legal_on }) : t('svc.legal_unknown'));
  return parts.join(t('svc.sep'));
}

// The letters of a request with the deliveries of those served (read only where there are some).
export async function loadLetters(rid) {
  const list = (await api('GET', lettersPath(rid))).data;
  const served = list.letters.filter((l) => l.deliveries_count > 0);
  const full = await Promise.all(served.map((l) => api('GET', letterPath(rid, l.id)).then((x) => x.data)));
  return { ...list, deliveries: new Map(full.map((l) => [l.id, l.deliveries])) };
}

// The 「文书」 card of the request page.
export function lettersCard(r, letters) {
  const problem = problemBox('letters-problem');
  const possible = KIND_ORDER.filter((k) => letters.possible.includes(k));
  const row = (l) => {
    const deliveries = letters.deliveries.get(l.id) || [];
    return h('li', { class: `letter-row${l.status === 'void' ? ' void' : ''}`, 'data-kind': l.kind, 'data-letter': l.id, 'data-status': l.status },
      h('div', { class: 'record-head' },
        h('a', { href: `#/letter/${r.id}/${l.id}`, class: 'letter-link', id: `letter-link-${l.id}` }, kindText(l)),
        letterStatusTag(l), h('span', { class: l.ref ? 'letter-ref' : 'letter-ref muted' }, refText(l))),
      h('dl', { class: 'ev-details' },
        h('dt', {}, t('letter.date')), h('dd', {}, dateWithWeekday(l.letter_date)),
        l.status === 'void' ? [h('dt', {}, t('letter.void_reason')), h('dd', {}, l.void_reason || '—')] : null,
        l.status === 'issued' || deliveries.length ? [h('dt', {}, t('svc.title')),
          h('dd', { class: 'letter-deliveries' }, deliveries.length ? deliveries.map((d) => h('div', {}, deliveryText(d))) : t('svc.none'))] : null));
  };
  async function create(kind, button) {
    showProblem(problem, '');
    button.disabled = true;
    try {
      const d = (await api('POST', lettersPath(r.id), { kind })).data;
      go(`/letter/${r.id}/${d.id}`);
    } catch (e) {
      button.disabled = false;
      showProblem(problem, e.text());
      problem.focus();
    }
  }
  return h('section', { class: 'card no-print', id: 'letters-card', 'aria-labelledby': 'letters-h' },
    h('h2', { id: 'letters-h' }, t('letter.card')),
    letters.letters.length ? h('ul', { class: 'records', id: 'letters-list' }, letters.letters.map(row))
      : h('p', { class: 'empty', id: 'letters-empty' }, t('letter.none')),
    possible.length ? [h('p', { class: 'hint' }, t('letter.possible_hint')),
      h('div', { class: 'actions', id: 'letter-kinds' }, possible.map((kind) => {
        const b = h('button', { type: 'button', class: 'draft-letter', id: `draft-${kind}`, 'data-kind': kind }, t('letter.draft_kind', { kind: t(`letter.kind.${kind}`) }));
        b.addEventListener('click', () => create(kind, b));
        return b;
      }))] : null,
    problem);
}

// A modal question.  action(reason) does the work: an error it throws is
// shown in the dialog, which stays open; done, the dialog closes.  With
// reason, a text the user must give (the reason of a void).
export function ask({ id, title, text, ok, danger, reason, action }) {
  const input = reason ? h('textarea', { id: `${id}-reason`, name: 'reason', rows: 3, maxlength: reason.max || 500 }) : null;
  const reasonField = input ? field(reason.label, input, { required: true, wide: true, hint: reason.hint }) : null;
  const problem = problemBox(`${id}-problem`);
  const yes = h('button', { type: 'submit', class: danger ? 'primary danger' : 'primary', id: `${id}-ok` }, ok);
  const no = h('button', { type: 'button', id: `${id}-cancel` }, t('common.cancel'));
  const dialog = h('dialog', { id, class: 'ask', 'aria-labelledby': `${id}-h` },
    h('form', { method: 'dialog', novalidate: true },
      h('h2', { id: `${id}-h` }, title), text ? (Array.isArray(text) ? text.map((p) => h('p', {}, p)) : h('p', {}, text)) : null,
      reasonField, problem, h('div', { class: 'actions' }, yes, no)));
  const close = () => { dialog.close(); dialog.remove(); };
  no.addEventListener('click', close);
  dialog.addEventListener('close', () => dialog.remove());
  dialog.querySelector('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showProblem(problem, '');
    let value = null;
    if (input) {
      setFieldError(reasonField, '');
      value = input.value.trim();
      if (!value) { setFieldError(reasonField, t('err.required')); input.focus(); return; }
    }
    yes.disabled = true;
    try {
      await action(value);
      close();
    } catch (e) {
      yes.disabled = false;
      const mine = (e.problem?.errors || []).filter((x) => x.field === 'reason');
      if (mine.length && reasonField) { setFieldError(reasonField, mine.map(errorMessage).join('；')); input.focus(); }
      else { showProblem(problem, e.text ? e.text() : e.message); problem.focus(); }
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  (input || yes).focus();
  return dialog;
}

// Prints a letter's own HTML (or its 送达回证): loaded into a frame of its own,
// which may print but runs nothing (the letter's CSP has no script), then
// printed with the letter's page size and margins.
export function printUrl(url) {
  document.getElementById('print-frame')?.remove();
  const frame = h('iframe', { id: 'print-frame', class: 'print-frame', sandbox: 'allow-same-origin allow-modals', title: t('letter.print'), tabindex: -1, 'aria-hidden': 'true' });
  frame.addEventListener('load', () => {
    try {
      frame.contentWindow.print();
      frame.dataset.printed = 'true';
    } catch { window.open(url, '_blank', 'noopener'); }
  }, { once: true });
  frame.src = url;
  document.body.append(frame);
  return frame;
}
