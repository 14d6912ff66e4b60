// A request's fees, consultations, reconsiderations (行政复议) and
// litigations (行政诉讼), on the request page: what was decided and what is
// due (the dates the API computes: the authority's decision, the court's
// dates, the applicant's windows), the flags (late filing, reconsideration
// required first), the history of every change; and for clerks and up the
// forms that record them — file a reconsideration or a suit, record a
// decision or a judgment, add the next instance, correct a decision with its
// reason — offering only what the order of instances allows now.  The API
// decides; its errors land next to the fields they name, a stale version
// (412) reloads and keeps what was typed.
import { api } from '../api.js';
import { h, clear, select, toast } from '../dom.js';
import { t, lang, dicts } from '../i18n.js';
import { can, today } from '../app.js';
import { field, setFieldError, showFieldErrors, clearErrors, problemBox, showProblem, draft, dateWithWeekday, errorMessage } from './common.js';

export const RC_DECISIONS = {
  upheld: ['维持', '驳回请求'],
  corrected: ['变更', '撤销', '部分撤销', '确认违法', '责令履行', '确认无效'],
  other: ['驳回申请', '终止', '调解', '和解'],
};
export const JUDGMENTS = {
  upheld: ['驳回诉讼请求', '维持'],
  corrected: ['撤销', '部分撤销', '变更', '确认违法', '确认无效', '责令履行'],
  other: ['驳回起诉', '不予立案', '准许撤诉', '终结', '调解'],
  review: ['维持原判', '发回重审'],
};
// judgments after which no appeal lies (准许撤诉, 终结, 调解) or the case goes back (发回重审)
const NOT_APPEALABLE = new Set(['准许撤诉', '终结', '调解', '发回重审']);
// 409 rules about one field: shown next to it
const RULE_FIELD = {
  date_before_receipt: 'filed_on', decision_before_filing: 'decided_on', already_decided: 'correction_reason',
  instance_order: 'instance', reconsideration_required: 'reconsideration_id', reconsideration_pending: 'reconsideration_id',
};

// a reconsideration's dates have their own words (申请复议, 复议决定, 送达申请人)
const RC_LABELS = new Set(['filed_on', 'decided_on', 'served_on']);
// decisions and judgments that can order the body to reply anew (lib/remedies.c)
const REDO_RC = new Set(['撤销', '部分撤销', '确认违法', '责令履行', '确认无效']);
const REDO_JUDGMENTS = new Set(['撤销', '部分撤销', '确认违法', '确认无效', '责令履行', '维持原判']);
const sep = () => (lang === 'en' ? ': ' : '：');
// a record's field by name; one the client does not know yet (a newer API) by its own name
const fieldName = (k) => (dicts.zh[`rf.${k}`] === undefined ? k : t(`rf.${k}`));
const money = (n) => (n === null || n === undefined ? '—' : t('unit.yuan', { n: Number(n).toFixed(2).replace(/\.00$/, '') }));

// ---- fee notices and consultations (read only: they are events) ----

export function feesCard(notices) {
  if (!notices.length) return null;
  return h('section', { class: 'card', id: 'fees-card', 'aria-labelledby': 'fees-h' },
    h('h2', { id: 'fees-h' }, t('fees.title')),
    h('div', { class: 'scroll' }, h('table', { class: 'list compact', id: 'fees-table' },
      h('thead', {}, h('tr', {}, ['fees.notice_on', 'f.method', 'fees.amount', 'f.pay_by', 'col.status', 'fees.settled'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, notices.map((n) => h('tr', { 'data-id': n.id, 'data-status': n.status },
        h('td', {}, n.notice_on),
        h('td', {}, t(`method.${n.method}`),
          n.method === 'per_item' && n.ordinal ? h('div', { class: 'sub' }, t('fees.ordinal', { n: n.ordinal })) : null,
          n.method === 'per_volume' && n.pages !== null ? h('div', { class: 'sub' }, t('fees.pages', { n: n.pages })) : null,
          n.method === 'legacy' ? h('div', { class: 'sub' }, t('fees.legacy_parts', { search: money(n.search_fee), copy: money(n.copy_fee), postage: money(n.postage) })) : null),
        h('td', { class: 'num' }, money(n.amount),
          n.quoted_amount !== null && n.quoted_amount !== undefined && Number(n.quoted_amount) !== Number(n.amount)
            ? h('div', { class: 'sub' }, t('fees.quoted', { amount: money(n.quoted_amount) })) : null),
        h('td', {}, n.pay_by),
        h('td', {}, h('span', { class: `tag fee-${n.status}` }, t(`fees.status.${n.status}`))),
        h('td', {}, n.settled_on || '—',
          n.status === 'paid' ? h('div', { class: 'sub' }, t('fees.paid', { amount: money(n.paid_amount) })) : null,
          n.status === 'paid' && n.method === 'legacy' && [n.paid_search_fee, n.paid_copy_fee, n.paid_postage].some((x) => x !== null && x !== undefined)
            ? h('div', { class: 'sub' }, t('fees.legacy_parts', { search: money(n.paid_search_fee), copy: money(n.paid_copy_fee), postage: money(n.paid_postage) })) : null,
          n.waiver_reason ? h('div', { class: 'sub' }, t(`waiver.${n.waiver_reason}`), n.waiver_note ? `${sep()}${n.waiver_note}` : '') : null)))))));
}

export function consultationsCard(list) {
  if (!list.length) return null;
  return h('section', { class: 'card', id: 'consultations-card', 'aria-labelledby': 'consult-h' },
    h('h2', { id: 'consult-h' }, t('consult.title')),
    h('ul', { class: 'records', id: 'consultations' }, list.map((c) => h('li', { 'data-id': c.id, class: c.window_ended ? 'alarm-row' : null },
      h('div', { class: 'record-head' }, h('strong', {}, c.name), ' ', h('span', { class: 'tag' }, t(`party.${c.party}`)),
        c.open ? h('span', { class: `tag ${c.window_ended ? 'overdue' : 'due_soon'}` }, t(c.window_ended ? 'consult.window_ended' : 'consult.open'))
          : h('span', { class: 'tag later' }, t(c.answer ? `answer.${c.answer}` : 'consult.closed'))),
      h('dl', { class: 'ev-details' },
        h('dt', {}, t('consult.sent_on')), h('dd', {}, c.sent_on),
        h('dt', {}, t('f.party_received_on')), h('dd', {}, c.party_received_on || t('consult.not_known')),
        h('dt', {}, t('consult.reply_due')), h('dd', {}, dateWithWeekday(c.reply_due), c.reply_due_estimated ? ` ${t('consult.estimated')}` : '', c.provisional ? ` ${t('request.provisional_short')}` : ''),
        c.answer ? [h('dt', {}, t('f.answer')), h('dd', {}, `${t(`answer.${c.answer}`)} ${c.answered_on}`, c.deemed_consent ? ` ${t('consult.deemed_consent')}` : '')] : null,
        c.reasons ? [h('dt', {}, t('f.reasons')), h('dd', {}, c.reasons)] : null,
        c.public_interest_override ? [h('dt', {}, t('ev.objection_overridden')),
          h('dd', {}, `${c.public_interest_override.decided_on}${sep()}${c.public_interest_override.reason}`,
            c.public_interest_override.notified_on ? ` ${t('consult.notified', { date: c.public_interest_override.notified_on })}` : '')] : null)))));
}

// ---- the fee quote inside the fee notice form ----

// Shows what the measures allow (GET /fees/quote) and prefills the amount of
// the method chosen until the user types an amount of their own.
export function feeQuote(requestId, inputs) {
  const box = h('div', { class: 'quote wide', id: 'fee-quote', 'aria-live': 'polite' });
  if (!inputs.method || inputs.method.value === 'legacy') return { box: null, update() {} };
  let own = Boolean(inputs.amount.value);
  let prefilled = '';
  let seq = 0;
  inputs.amount.addEventListener('input', () => { own = inputs.amount.value !== '' && inputs.amount.value !== prefilled; });
  async function update() {
    const method = inputs.method.value;
    const pages = inputs.pages?.value.trim();
    const items = Number(inputs.items?.value || 1);
    const mine = ++seq;
    const p = new URLSearchParams({ request_id: String(requestId) });
    if (method === 'per_volume' && /^\d+$/.test(pages || '')) p.set('pages', pages);
    let q;
    try {
      q = (await api('GET', `/api/v1/fees/quote?${p}`)).data;
    } catch (e) {
      if (mine !== seq) return;
      clear(box).append(h('p', { class: 'warning', id: 'quote-problem' }, e.status === 409 || e.status === 400 ? e.text() : t('fees.quote_unavailable')));
      return;
    }
    if (mine !== seq) return;
    const perItem = q.per_item, perVolume = q.per_volume;
    const [y, m] = (q.month || '').split('-');
    const month = lang === 'en' ? q.month : `${y}年${Number(m)}月`;
    const itemLine = perItem.ordinal
      ? t(perItem.amount ? 'fees.quote_item' : 'fees.quote_item_free', { month, n: perItem.ordinal, amount: money(perItem.amount) })
      : (lang === 'en' ? perItem.note_en : perItem.note_zh) || t('fees.quote_no_id');
    const volumeLine = perVolume.pages === null || perVolume.pages === undefined ? t('fees.quote_volume_pages')
      : t(perVolume.amount ? 'fees.quote_volume' : 'fees.quote_volume_free', { pages: perVolume.pages, amount: money(perVolume.amount) });
    clear(box).append(...[h('h3', {}, t('fees.quote', { basis: q.basis })),
      h('ul', {}, h('li', { id: 'quote-per-item', class: method === 'per_item' ? 'chosen' : null }, `${t('method.per_item')}${sep()}${itemLine}`),
        h('li', { id: 'quote-per-volume', class: method === 'per_volume' ? 'chosen' : null }, `${t('method.per_volume')}${sep()}${volumeLine}`)),
      method === 'per_item' && items > 1 ? h('p', { class: 'hint' }, t('fees.quote_items', { n: items })) : null,
      h('p', { class: 'hint' }, t('fees.quote_rule'))].filter(Boolean));
    // the amount of the method chosen, unless the user wrote their own
    let amount = null;
    if (method === 'per_item' && items <= 1) amount = perItem.amount;
    if (method === 'per_volume') amount = perVolume.amount;
    if (!own) {
      prefilled = amount === null || amount === undefined ? '' : String(amount);
      inputs.amount.value = prefilled;
    }
  }
  update();
  return { box, update };
}

// ---- reconsideration and litigation ----

// A small form of [name, kind, opts] fields: text | textarea | date | number | select.
function recordForm(id, fields, values, { submitLabel } = {}) {
  const inputs = {};
  const els = [];
  for (const [name, kind, o = {}] of fields) {
    let input;
    const value = values[name] ?? o.initial ?? '';
    // a select keeps its first option unless the value is one of its own
    if (kind === 'select') {
      input = select(name, o.options, value === '' ? undefined : value, { id: `${id}-${name}` });
      if (input.selectedIndex < 0) input.selectedIndex = 0;
    } else if (kind === 'textarea') input = h('textarea', { name, id: `${id}-${name}`, rows: 2, maxlength: o.max, value });
    else input = h('input', { name, id: `${id}-${name}`, type: kind, value, maxlength: kind === 'text' ? o.max : null,
      min: o.min ?? null, max: kind === 'date' ? (o.max === undefined ? today() : o.max) : o.max ?? null, inputmode: kind === 'number' ? 'numeric' : null });
    inputs[name] = input;
    const f = field(t(`rf.${o.label || name}`), input, { name, required: o.required, hint: o.hint, wide: kind === 'textarea' || o.wide });
    els.push([f, o.when]);
  }
  // a change to a locked year's table 四: an admin records it with a reason
  const override = h('textarea', { name: 'override_reason', id: `${id}-override_reason`, rows: 2, maxlength: 500, value: values.override_reason ?? '' });
  inputs.override_reason = override;
  const overrideField = field(t('request.override_reason'), override, { name: 'override_reason', required: true, wide: true, hint: t('remedy.override_hint') });
  overrideField.hidden = !values.override_reason;
  const problem = problemBox(`${id}-problem`);
  const submit = h('button', { type: 'submit', class: 'primary', id: `${id}-submit` }, submitLabel || t('common.save'));
  const cancel = h('button', { type: 'button', id: `${id}-cancel` }, t('report.cancel'));
  const form = h('form', { id, class: 'record-form', novalidate: true }, h('div', { class: 'grid' }, els.map(([f]) => f), overrideField), problem,
    h('div', { class: 'actions' }, submit, cancel));
  const current = () => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value]));
  const showConditional = () => { const v = current(); for (const [f, when] of els) if (when) f.hidden = !when(v); };
  form.addEventListener('input', (e) => { const f = e.target.closest('.field'); if (f) setFieldError(f, ''); showConditional(); });
  form.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); } });
  showConditional();
  // what was typed, for a body: shown fields only; '' is left out (POST) or clears (PATCH)
  const typed = () => {
    const out = {};
    for (const [name, kind] of fields) {
      if (inputs[name].closest('.field').hidden) continue;
      const v = inputs[name].value.trim();
      out[name] = v === '' ? '' : (kind === 'number' || name === 'reconsideration_id') && /^-?\d+$/.test(v) ? Number(v) : v;
    }
    if (!overrideField.hidden) out.override_reason = override.value.trim();
    return out;
  };
  return { form, inputs, problem, submit, cancel, current, typed, overrideField };
}

export function remediesCard(ctx) {
  // ctx: { request, reconsiderations, litigations, reload(notice): the page read and drawn again, notice: a stale record's }
  const r = ctx.request;
  const clerk = can('clerk', r.body_id);
  const store = draft(`remedies.${r.id}`);
  const state = store.load() || { open: null, values: {} };
  const save = () => store.save(state);
  const rcs = ctx.reconsiderations, lits = ctx.litigations;
  const holder = h('div', { class: 'remedy-form-holder' });
  let card; // drawn at the end, once the helpers below exist

  // One form open at a time, drawn where its record is; what was typed stays
  // (sessionStorage) until the API has it.
  function open(formId) {
    state.open = formId;
    save();
    draw();
    card.querySelector(`#${formId} input, #${formId} select, #${formId} textarea`)?.focus();
  }
  function close() {
    state.open = null;
    save();
    draw();
  }
  function draw() {
    card.querySelectorAll('.record-form').forEach((f) => f.remove());
    card.querySelectorAll('[data-opens]').forEach((b) => { b.hidden = false; });
    if (!state.open || !clerk) return;
    const built = build(state.open);
    if (!built) { state.open = null; save(); return; }
    const [where, form] = built;
    where.append(form);
    card.querySelectorAll(`[data-opens="${state.open}"]`).forEach((b) => { b.hidden = true; });
  }

  // ---- the records ----
  function deadlinesList(list, id) {
    if (!list?.length) return null;
    return h('ul', { class: 'remedy-dates', id }, list.map((d) => {
      const past = d.due_on < today();
      const state_ = d.done ? 'done' : d.pending && past ? 'late' : past ? 'past' : d.pending ? 'due' : 'later';
      return h('li', { class: `date-${state_}`, 'data-kind': d.kind },
        h('span', {}, lang === 'en' ? d.label_en : d.label_zh), ' ', h('strong', {}, dateWithWeekday(d.due_on)),
        d.estimated ? h('span', { class: 'muted' }, ` ${t('remedy.estimated')}`) : null,
        d.provisional ? h('span', { class: 'muted' }, ` ${t('request.provisional_short')}`) : null,
        state_ !== 'later' ? [' ', h('span', { class: `tag date-${state_}` }, t(`remedy.date.${state_}`))] : null);
    }));
  }
  // Every change of the record (audit_log): who, when, each field before and
  // after — read when opened (only GET of one record carries its history).
  function history(path, id) {
    const list = h('div', { class: 'history-list', 'aria-live': 'polite' });
    const details = h('details', { class: 'history', id }, h('summary', {}, t('remedy.history')), list);
    details.addEventListener('toggle', async () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = '1';
      try {
        list.append(historyList((await api('GET', path)).data.history || []));
      } catch (e) {
        delete details.dataset.loaded;
        list.append(h('p', { class: 'problem' }, e.text()));
      }
    });
    return details;
  }
  function historyList(entries) {
    // instances are named by their place in the suit, learnt from their creation
    const places = new Map(entries.filter((e) => e.entity === 'litigation_instance' && e.action === 'create')
      .map((e) => [e.entity_id, e.new_value?.instance ? t(`instance.${e.new_value.instance}`) : '']));
    const shown = (k, v) => {
      if (v === null || v === undefined || v === '') return t('remedy.empty');
      if (typeof v === 'boolean') return t(v ? 'remedy.yes' : 'remedy.no');
      if (['result', 'instance', 'route', 'procedure'].includes(k)) return t(`${k}.${v}`);
      return String(v);
    };
    const name = (k, entity) => fieldName(entity === 'reconsideration' && RC_LABELS.has(k) ? `${k}_rc` : k);
    return h('ol', {}, entries.map((e) => {
      const nv = e.new_value || {}, ov = e.old_value || {};
      const keys = Object.keys(nv).filter((k) => !['correction_reason', 'override_reason', 'seq'].includes(k));
      const changes = e.action === 'create'
        ? keys.filter((k) => nv[k] !== null && nv[k] !== '' && nv[k] !== false && !(k === 'extension_days' && nv[k] === 0))
          .map((k) => `${name(k, e.entity)} ${shown(k, nv[k])}`)
        : keys.map((k) => `${name(k, e.entity)}${sep()}${shown(k, ov[k])} → ${shown(k, nv[k])}`);
      const what = e.entity === 'litigation_instance' ? places.get(e.entity_id) || t('remedy.entity.litigation_instance') : t(`remedy.entity.${e.entity}`);
      return h('li', {}, h('span', { class: 'muted' }, `${e.at.slice(0, 16)} ${e.actor} `),
        h('strong', {}, t(`remedy.action.${e.action}`, { what })), ' ', changes.join(lang === 'en' ? '; ' : '；'),
        nv.correction_reason ? h('div', { class: 'correction' }, t('remedy.correction_reason', { reason: nv.correction_reason })) : null,
        nv.override_reason ? h('div', { class: 'correction' }, t('remedy.override_reason', { reason: nv.override_reason })) : null);
    }));
  }
  // how the annual report counts the record: table 四 of its filing year, its result as of 31 December
  const counted = (a, id) => (a ? h('p', { class: 'hint counted', id }, t('remedy.counted', { year: a.year, block: t(`remedy.block.${a.block}`),
    result: t(`result.${a.result}`) })) : null);
  // a reconsideration as people name it: the authority, its case number, its decision
  const rcName = (c) => (c ? [c.authority, c.case_no, c.decided_on ? `${c.decided_on} ${c.decision}` : t('result.pending')].filter(Boolean).join(' ') : '');
  const resultTag = (result) => h('span', { class: `tag result-${result || 'pending'}` }, t(`result.${result || 'pending'}`));

  function reconsiderationItem(c) {
    const li = h('li', { 'data-id': c.id, id: `rc-${c.id}`, class: 'record' },
      h('div', { class: 'record-head' }, h('strong', {}, t('remedy.rc_head', { authority: c.authority })),
        c.case_no ? h('span', { class: 'muted' }, ` ${c.case_no}`) : null, ' ',
        c.decision ? h('span', { class: 'tag' }, c.decision) : null, ' ', resultTag(c.result)),
      c.late_filing ? h('p', { class: 'alarm flag', 'data-flag': 'late_filing' }, t('remedy.rc_late', { date: c.filing_window_ends })) : null,
      h('dl', { class: 'ev-details' },
        h('dt', {}, t('rf.filed_on_rc')), h('dd', {}, c.filed_on),
        h('dt', {}, t('rf.accepted_on')), h('dd', {}, c.accepted_or_deemed_on, c.acceptance_deemed ? ` ${t('remedy.deemed')}` : ''),
        h('dt', {}, t('rf.procedure')), h('dd', {}, t(`procedure.${c.procedure}`), c.extension_days ? t('remedy.extended', { n: c.extension_days }) : ''),
        c.decided_on ? [h('dt', {}, t('rf.decided_on_rc')), h('dd', {}, `${c.decided_on} ${c.decision}`)] : null,
        c.served_on ? [h('dt', {}, t('rf.served_on_rc')), h('dd', {}, c.served_on)] : null,
        redoDetails(c),
        c.notes ? [h('dt', {}, t('rf.notes')), h('dd', {}, c.notes)] : null),
      counted(c.annual_report, `rc-${c.id}-counted`),
      deadlinesList(c.deadlines, `rc-${c.id}-dates`),
      clerk ? h('div', { class: 'actions no-print' },
        h('button', { type: 'button', id: `rc-${c.id}-edit`, 'data-opens': `rc-edit-${c.id}`, onclick: () => open(`rc-edit-${c.id}`) },
          t(c.decided_on ? 'remedy.rc_correct' : 'remedy.rc_decide'))) : null,
      history(`/api/v1/requests/${r.id}/reconsiderations/${c.id}`, `rc-${c.id}-history`));
    return li;
  }

  // An order to reply anew and the new reply (lib/remedies.h OGI_RD_REDO).
  const redoDetails = (x) => x.redo_due ? [h('dt', {}, t('rf.redo_due')), h('dd', { class: x.redone_on ? '' : 'alarm' }, x.redo_due),
    x.redone_on ? [h('dt', {}, t('rf.redone_on')), h('dd', {}, x.redone_on)] : null] : null;

  function litigationItem(l) {
    const last = l.instances[l.instances.length - 1];
    const next = nextInstances(last);
    return h('li', { 'data-id': l.id, id: `lit-${l.id}`, class: 'record' },
      h('div', { class: 'record-head' }, h('strong', {}, t('remedy.lit_head', { court: l.court })),
        l.case_no ? h('span', { class: 'muted' }, ` ${l.case_no}`) : null, ' ',
        h('span', { class: 'tag' }, t(`route.${l.route}`)), ' ', resultTag(l.result)),
      l.reconsideration_id ? h('p', { class: 'muted' }, t('remedy.lit_after', { rc: rcName(rcs.find((c) => c.id === l.reconsideration_id)) })) : null,
      l.reconsideration_required ? h('p', { class: 'alarm flag', 'data-flag': 'reconsideration_required' }, t('remedy.lit_rc_required')) : null,
      l.late_filing ? h('p', { class: 'alarm flag', 'data-flag': 'late_filing' }, t('remedy.lit_late', { date: l.filing_window_ends })) : null,
      l.notes ? h('p', { class: 'pre' }, l.notes) : null,
      counted(l.annual_report, `lit-${l.id}-counted`),
      h('ol', { class: 'instances', id: `lit-${l.id}-instances` }, l.instances.map((x) => h('li', { 'data-seq': x.seq, id: `lit-${l.id}-i${x.seq}` },
        h('div', { class: 'record-head' }, h('strong', {}, t(`instance.${x.instance}`)), ' ', x.court || '', x.case_no ? h('span', { class: 'muted' }, ` ${x.case_no}`) : null, ' ',
          x.judgment ? h('span', { class: 'tag' }, x.judgment) : null, ' ', resultTag(x.result)),
        h('dl', { class: 'ev-details' },
          h('dt', {}, t('rf.filed_on')), h('dd', {}, x.filed_on, x.instance === 'first' ? ` · ${t(`procedure.${x.procedure}`)}` : ''),
          x.served_on ? [h('dt', {}, t('rf.served_on')), h('dd', {}, x.served_on)] : null,
          x.hearing_on ? [h('dt', {}, t('rf.hearing_on')), h('dd', {}, x.hearing_on)] : null,
          x.decided_on ? [h('dt', {}, t('rf.decided_on')), h('dd', {}, `${x.decided_on} ${x.judgment}`)] : null,
          x.judgment_served_on ? [h('dt', {}, t('rf.judgment_served_on')), h('dd', {}, x.judgment_served_on)] : null,
          redoDetails(x)),
        deadlinesList(x.deadlines, `lit-${l.id}-i${x.seq}-dates`),
        clerk ? h('div', { class: 'actions no-print' }, h('button', { type: 'button', id: `lit-${l.id}-i${x.seq}-edit`, 'data-opens': `inst-edit-${l.id}-${x.seq}`,
          onclick: () => open(`inst-edit-${l.id}-${x.seq}`) }, t(x.decided_on ? 'remedy.inst_correct' : 'remedy.inst_decide'))) : null))),
      clerk ? h('div', { class: 'actions no-print' },
        next.length ? h('button', { type: 'button', id: `lit-${l.id}-next`, 'data-opens': `inst-new-${l.id}`, onclick: () => open(`inst-new-${l.id}`) }, t('remedy.inst_add')) : null,
        h('button', { type: 'button', id: `lit-${l.id}-edit`, 'data-opens': `lit-edit-${l.id}`, onclick: () => open(`lit-edit-${l.id}`) }, t('remedy.lit_edit'))) : null,
      history(`/api/v1/requests/${r.id}/litigations/${l.id}`, `lit-${l.id}-history`));
  }

  // What may follow the latest instance (lib/remedies.c ogi_litigation_check).
  function nextInstances(last) {
    if (!last || !last.decided_on) return [];
    if (last.judgment === '发回重审') return ['first'];
    return [...(last.instance !== 'second' && !NOT_APPEALABLE.has(last.judgment) ? ['second'] : []), 'retrial'];
  }

  // ---- the forms ----
  const decisionOptions = (groups, kinds) => [['', t('remedy.no_decision')], ...kinds.map((g) => ({ group: t(`result.${g === 'review' ? 'review' : g}`),
    options: groups[g].map((d) => [d, t(`decision.${d}`)]) }))];
  const procedureOptions = [['ordinary', t('procedure.ordinary')], ['simple', t('procedure.simple')]];

  // The order to reply anew, offered with a decision or judgment that can give one (the API
  // decides: 维持原判 only of a judgment that corrected the reply) or once one is recorded.
  const redoFields = (x, kinds, key = 'decision') => {
    const when = (v) => kinds.has(v[key]) || Boolean(x.redo_due);
    return [['redo_due', 'date', { max: null, hint: t('rhint.redo_due'), when }], ['redone_on', 'date', { hint: t('rhint.redone_on'), when }]];
  };

  function build(formId) {
    let m;
    if (formId === 'rc-new') {
      return [holder, wire(formId, recordForm(formId, [
        ['filed_on', 'date', { required: true, min: r.received_on, label: 'filed_on_rc' }], ['authority', 'text', { required: true, max: 200, hint: t('rhint.authority') }],
        ['case_no', 'text', { max: 100 }], ['accepted_on', 'date', { hint: t('rhint.accepted_on') }],
        ['procedure', 'select', { options: procedureOptions, initial: 'ordinary', hint: t('rhint.procedure') }],
        ['notes', 'textarea', { max: 2000 }]], state.values[formId] || {}, { submitLabel: t('remedy.file_rc') }),
      (body) => api('POST', `/api/v1/requests/${r.id}/reconsiderations`, dropEmpty(body)), t('remedy.rc_filed'))];
    }
    if ((m = formId.match(/^rc-edit-(\d+)$/))) {
      const c = rcs.find((x) => x.id === Number(m[1]));
      if (!c) return null;
      const li = card.querySelector(`#rc-${c.id}`);
      const fields = [
        ['decided_on', 'date', { min: c.filed_on, hint: t('rhint.decided_on'), label: 'decided_on_rc' }],
        ['decision', 'select', { options: decisionOptions(RC_DECISIONS, ['upheld', 'corrected', 'other']) }],
        ['served_on', 'date', { hint: t('rhint.served_on_rc'), label: 'served_on_rc' }],
        ...redoFields(c, REDO_RC),
        ['accepted_on', 'date', { min: c.filed_on }], ['procedure', 'select', { options: procedureOptions }],
        ['extension_days', 'number', { min: 0, max: 30, hint: t('rhint.extension_days') }],
        ['case_no', 'text', { max: 100 }], ['notes', 'textarea', { max: 2000 }]];
      if (c.decided_on) fields.push(['correction_reason', 'textarea', { required: true, max: 500, hint: t('rhint.correction_reason') }]);
      const record = { decided_on: c.decided_on, decision: c.decision, served_on: c.served_on, accepted_on: c.accepted_on, procedure: c.procedure,
        extension_days: c.extension_days, case_no: c.case_no, notes: c.notes, redo_due: c.redo_due, redone_on: c.redone_on };
      return [li, wire(formId, recordForm(formId, fields, { ...stringify(record), ...(state.values[formId] || {}) },
        { submitLabel: t(c.decided_on ? 'remedy.rc_correct' : 'remedy.save_decision') }),
      (body) => api('PATCH', `/api/v1/requests/${r.id}/reconsiderations/${c.id}`, changed(body, record), { 'If-Match': `"${c.version}"` }),
      t('remedy.rc_saved'))];
    }
    if (formId === 'lit-new') {
      const decided = rcs; // the API says whether a reconsideration was decided (or its period ended) by the filing
      return [holder, wire(formId, recordForm(formId, [
        ['filed_on', 'date', { required: true, min: r.received_on }], ['court', 'text', { required: true, max: 200 }], ['case_no', 'text', { max: 100 }],
        ['route', 'select', { options: [['direct', t('route.direct')], ...(decided.length ? [['after_reconsideration', t('route.after_reconsideration')]] : [])], hint: t('rhint.route') }],
        ['reconsideration_id', 'select', { options: decided.map((c) => [String(c.id), rcName(c)]), when: (v) => v.route === 'after_reconsideration' }],
        ['procedure', 'select', { options: procedureOptions, initial: 'ordinary' }],
        ['served_on', 'date', { hint: t('rhint.served_on') }], ['hearing_on', 'date', { max: null }], ['notes', 'textarea', { max: 2000 }]],
      state.values[formId] || {}, { submitLabel: t('remedy.file_lit') }),
      (body) => api('POST', `/api/v1/requests/${r.id}/litigations`, dropEmpty(body)), t('remedy.lit_filed'))];
    }
    if ((m = formId.match(/^lit-edit-(\d+)$/))) {
      const l = lits.find((x) => x.id === Number(m[1]));
      if (!l) return null;
      const record = { filed_on: l.filed_on, court: l.court, case_no: l.case_no, notes: l.notes };
      return [card.querySelector(`#lit-${l.id}`), wire(formId, recordForm(formId, [
        ['filed_on', 'date', { required: true, min: r.received_on }], ['court', 'text', { required: true, max: 200 }], ['case_no', 'text', { max: 100 }],
        ['notes', 'textarea', { max: 2000 }]], { ...stringify(record), ...(state.values[formId] || {}) }),
      (body) => api('PATCH', `/api/v1/requests/${r.id}/litigations/${l.id}`, changed(body, record), { 'If-Match': `"${l.version}"` }), t('remedy.lit_saved'))];
    }
    if ((m = formId.match(/^inst-edit-(\d+)-(\d+)$/))) {
      const l = lits.find((x) => x.id === Number(m[1]));
      const x = l?.instances.find((i) => i.seq === Number(m[2]));
      if (!x) return null;
      const fields = [
        ['decided_on', 'date', { min: x.filed_on }],
        ['judgment', 'select', { options: decisionOptions(JUDGMENTS, x.instance === 'first' ? ['upheld', 'corrected', 'other'] : ['upheld', 'corrected', 'other', 'review']) }],
        ['judgment_served_on', 'date', { hint: t('rhint.judgment_served_on') }],
        ...redoFields(x, REDO_JUDGMENTS, 'judgment'),
        ['served_on', 'date', { hint: t('rhint.served_on') }], ['hearing_on', 'date', { max: null }],
        ...(x.seq > 1 ? [['filed_on', 'date', { required: true }]] : []),
        ['court', 'text', { max: 200 }], ['case_no', 'text', { max: 100 }],
        ...(x.instance === 'first' ? [['procedure', 'select', { options: procedureOptions }]] : [])];
      if (x.decided_on) fields.push(['correction_reason', 'textarea', { required: true, max: 500, hint: t('rhint.correction_reason') }]);
      const record = { decided_on: x.decided_on, judgment: x.judgment, judgment_served_on: x.judgment_served_on, served_on: x.served_on, hearing_on: x.hearing_on,
        filed_on: x.filed_on, court: x.court, case_no: x.case_no, procedure: x.procedure, redo_due: x.redo_due, redone_on: x.redone_on };
      return [card.querySelector(`#lit-${l.id}-i${x.seq}`), wire(formId, recordForm(formId, fields, { ...stringify(record), ...(state.values[formId] || {}) },
        { submitLabel: t(x.decided_on ? 'remedy.inst_correct' : 'remedy.save_judgment') }),
      (body) => api('PATCH', `/api/v1/requests/${r.id}/litigations/${l.id}/instances/${x.seq}`, changed(body, record), { 'If-Match': `"${l.version}"` }),
      t('remedy.inst_saved'))];
    }
    if ((m = formId.match(/^inst-new-(\d+)$/))) {
      const l = lits.find((x) => x.id === Number(m[1]));
      const last = l?.instances[l.instances.length - 1];
      const kinds = nextInstances(last);
      if (!kinds.length) return null;
      return [card.querySelector(`#lit-${l.id}`), wire(formId, recordForm(formId, [
        ['instance', 'select', { options: kinds.map((k) => [k, t(`instance.${k}`)]), hint: t('rhint.instance') }],
        ['filed_on', 'date', { required: true, min: last.decided_on }], ['court', 'text', { max: 200 }], ['case_no', 'text', { max: 100 }],
        ['procedure', 'select', { options: procedureOptions, initial: 'ordinary', when: (v) => v.instance === 'first' }],
        ['served_on', 'date', { hint: t('rhint.served_on') }], ['hearing_on', 'date', { max: null }]], state.values[formId] || {}, { submitLabel: t('remedy.inst_add') }),
      (body) => api('POST', `/api/v1/requests/${r.id}/litigations/${l.id}/instances`, dropEmpty(body), { 'If-Match': `"${l.version}"` }), t('remedy.inst_added'))];
    }
    return null;
  }

  // Wires a form: drafts, submit (send: the API call), the API's errors next
  // to their fields, a stale version reloaded with the draft kept.
  function wire(formId, f, send, done) {
    const keep = () => { state.values[formId] = f.current(); save(); };
    f.form.addEventListener('input', keep);
    f.form.addEventListener('change', keep);
    f.cancel.addEventListener('click', () => { delete state.values[formId]; close(); });
    f.form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      keep();
      clearErrors(f.form);
      showProblem(f.problem, '');
      f.submit.disabled = true;
      try {
        await send(f.typed());
        delete state.values[formId];
        state.open = null;
        save();
        toast(done);
        await ctx.reload();
      } catch (e) {
        f.submit.disabled = false;
        if (e.status === 412) {
          // someone else changed the record first: show it as it is now, keep what was typed
          await ctx.reload(t('remedy.stale'));
          return;
        }
        if (e.code === 'year_locked' || e.code === 'override_reason_required') {
          if (can('admin', r.body_id)) {
            f.overrideField.hidden = false;
            setFieldError(f.overrideField, e.code === 'year_locked' ? t('remedy.override_hint') : e.text());
            f.inputs.override_reason.focus();
          } else {
            showProblem(f.problem, t('remedy.year_locked'));
            f.problem.focus();
          }
          return;
        }
        const rest = showFieldErrors(f.form, e.problem);
        const target = RULE_FIELD[e.code] && f.inputs[RULE_FIELD[e.code]];
        if (target && !target.closest('.field').hidden) {
          setFieldError(target.closest('.field'), e.text());
          target.focus();
        } else if (rest.length || !e.problem?.errors) {
          showProblem(f.problem, [e.text(), ...rest.map((x) => `${fieldName(x.field)}${sep()}${errorMessage(x)}`)].join(lang === 'en' ? '; ' : '；'));
          f.problem.focus();
        }
      }
    });
    return f.form;
  }

  card = h('section', { class: 'card', id: 'remedies-card', 'aria-labelledby': 'remedies-h' },
    h('h2', { id: 'remedies-h', tabindex: -1 }, t('remedy.title')),
    ctx.notice ? h('div', { class: 'problem', id: 'remedy-stale', role: 'alert', tabindex: -1 }, ctx.notice) : null,
    !rcs.length && !lits.length ? h('p', { class: 'muted', id: 'remedies-none' }, t(r.status === 'closed' ? 'remedy.none_closed' : 'remedy.none_open')) : null,
    rcs.length ? [h('h3', {}, t('remedy.reconsiderations')), h('ul', { class: 'records', id: 'reconsiderations' }, rcs.map(reconsiderationItem))] : null,
    lits.length ? [h('h3', {}, t('remedy.litigations')), h('ul', { class: 'records', id: 'litigations' }, lits.map(litigationItem))] : null,
    clerk ? h('div', { class: 'actions no-print' },
      h('button', { type: 'button', id: 'rc-new-open', 'data-opens': 'rc-new', onclick: () => open('rc-new') }, t('remedy.file_rc')),
      h('button', { type: 'button', id: 'lit-new-open', 'data-opens': 'lit-new', onclick: () => open('lit-new') }, t('remedy.file_lit'))) : null,
    holder);

  draw();
  return card;
}

// the record's values as the inputs show them
function stringify(o) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
}
// POST: the fields typed
function dropEmpty(body) {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== ''));
}
// PATCH: the fields changed; a field emptied is cleared (null)
function changed(body, record) {
  const out = {};
  for (const [k, v] of Object.entries(body)) {
    const was = record[k] === null || record[k] === undefined ? '' : record[k];
    if (k === 'correction_reason' || k === 'override_reason') { if (v !== '') out[k] = v; continue; }
    if (String(v) !== String(was)) out[k] = v === '' ? null : v;
  }
  return out;
}
