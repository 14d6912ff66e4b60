// A request: details, the deadline with its explanation (every step, the
// days skipped and why), the sub-deadlines, the timeline of events, and a
// form for each event the caller may record now.  Which events those are
// comes from the API (GET …/deadline → allowed_events: lib/clock's rules and
// the caller's role on the request's body), so the page offers exactly what
// the API accepts.  A stale version (412: someone else acted first) reloads
// the request, says so and keeps what was typed; errors land next to their
// fields.
import { api } from '../api.js';
import { h, clear, select, toast } from '../dom.js';
import { t, lang } from '../i18n.js';
import { session, today, can } from '../app.js';
import { feesCard, consultationsCard, remediesCard, feeQuote } from './remedies.js';
import { lettersCard, loadLetters } from './letters.js';
import { attachmentsCard, loadAttachments, withProblem } from './attachments.js';
import { correctionCard, correctionItems } from './correction.js';
import { supervisionCard, supervisionItems } from './supervision.js';
import { onlineCorrectionCard, loadOnlineCorrections } from './online_correction.js';
import { OUTCOME_GROUPS, statusTag, field, setFieldError, showFieldErrors, clearErrors, problemBox, showProblem, draft, dateWithWeekday, addDays, errorMessage, workdays } from './common.js';

// the legal basis a reply cites, prefilled (2019 regulation)
const REG = '《中华人民共和国政府信息公开条例》';
const BASIS = {
  already_public: '第三十六条第（一）项', disclosed: '第三十六条第（二）项', partial: '第三十七条',
  withheld_state_secret: '第三十六条第（三）项、第十四条', withheld_law_prohibited: '第三十六条第（三）项、第十四条',
  withheld_security_stability: '第三十六条第（三）项、第十四条', withheld_third_party: '第三十六条第（三）项、第十五条',
  withheld_internal_affairs: '第三十六条第（三）项、第十六条第一款', withheld_process_info: '第三十六条第（三）项、第十六条第二款',
  withheld_enforcement_file: '第三十六条第（三）项、第十六条第二款', withheld_query_matter: '第三十六条第（七）项',
  not_held_not_exist: '第三十六条第（四）项', not_held_other_body: '第三十六条第（五）项', needs_creation: '第三十八条',
  still_unclear: '第三十条', not_government_info: '第二条', rejected_petition: '第三十九条第一款',
  rejected_repeat: '第三十六条第（六）项', rejected_publication: '第三十九条第二款', rejected_excessive: '第三十五条',
};
const CLOSING = new Set(['replied', 'withdrawn', 'correction_lapsed', 'fee_lapsed']);
const DELIVERY = ['pickup', 'post', 'email', 'online'];
// 409 rules about a date: shown next to that date
const RULE_FIELD = { date_before_receipt: 'on', date_out_of_order: 'on', extension_after_due: 'on', delay_too_early: 'due_on', extension_too_long: 'working_days' };

const WAIVERS = ['wubao', 'dibao', 'youfu', 'hardship', 'other'];
// which consultation an event is about: asked only when more than one could be meant
function whichConsultation(list) {
  return list.length > 1 ? [['consultation', 'select', { options: list.map((c) => [String(c.id), c.due_on ? `${c.name}（${t('f.due')} ${c.due_on}）` : c.name]) }]] : [];
}

// The fields of each event form: [name, kind, options]; kind text | textarea | date | number | select.
function fieldsOf(type, ctx) {
  const opt = (list, prefix) => list.map((v) => [v, t(`${prefix}.${v}`)]);
  switch (type) {
    case 'correction_requested': return [['items', 'textarea', { required: true, max: 2000, hint: t('hint.items') }], ['correction_due', 'date', { min: ctx.today, max: null, hint: t('hint.correction_due') }]];
    case 'consultation_started': return [['party', 'select', { options: opt(['third_party', 'other_body'], 'party') }], ['name', 'text', { required: true, max: 200 }],
      ['party_received_on', 'date', { hint: t('hint.party_received_on') }]];
    case 'consultation_delivered': return whichConsultation(ctx.open);
    case 'consultation_ended': return [...whichConsultation(ctx.open),
      ['answer', 'select', { options: opt(['agree', 'object', 'no_answer'], 'answer') }], ['reasons', 'textarea', { max: 2000 }],
      ['notes', 'textarea', { max: 2000 }]];
    // art. 32: disclosure over a third party's objection, in the public interest
    case 'objection_overridden': return [...whichConsultation(ctx.objected),
      ['reason', 'textarea', { required: true, max: 2000, hint: t('hint.override') }], ['notified_on', 'date', {}]];
    case 'extension_approved': return [['working_days', 'number', { required: true, min: 1, max: ctx.period, initial: String(ctx.period), hint: t('hint.working_days', { n: ctx.period }) }],
      ['approver', 'text', { required: true, max: 100, hint: t('hint.approver') }], ['reason', 'textarea', { required: true, max: 2000 }]];
    case 'delay_set': return [['due_on', 'date', { required: true, min: ctx.dueOn ? addDays(ctx.dueOn, 1) : null, max: null, hint: t('hint.delay') }], ['reason', 'textarea', { required: true, max: 2000 }]];
    case 'fee_notice_issued': return [['method', 'select', { options: opt(ctx.regime === '2008' ? ['legacy'] : ['per_item', 'per_volume'], 'method') }],
      ['pages', 'number', { min: 0, max: 1000000, when: (v) => v.method === 'per_volume' }],
      ['items', 'number', { label: 'f.fee_items', min: 1, max: 1000, initial: '1', hint: t('hint.items_fee'), when: (v) => v.method === 'per_item' }],
      ['search_fee', 'number', { min: 0, max: 100000000, when: (v) => v.method === 'legacy' }],
      ['copy_fee', 'number', { min: 0, max: 100000000, when: (v) => v.method === 'legacy' }],
      ['postage', 'number', { min: 0, max: 100000000, when: (v) => v.method === 'legacy' }],
      ['amount', 'number', { min: 0, max: 100000000, hint: t('hint.amount') }],
      ['pay_by', 'date', { min: ctx.today, max: null, hint: t('hint.pay_by') }], ['notes', 'textarea', { max: 2000 }]];
    // cost fees (2008 regime): what was collected of each part; a reduction of several parts gives them
    case 'fee_paid': return [['amount', 'number', { min: 0, max: 100000000 }],
      ...(ctx.regime === '2008' ? ['search_fee', 'copy_fee', 'postage'].map((k) => [k, 'number', { min: 0, max: 100000000, hint: t('hint.paid_part') }]) : []),
      ['reduction_reason', 'select', { options: [['', t('common.unspecified')], ...opt(WAIVERS, 'waiver')] }], ['notes', 'textarea', { max: 2000 }]];
    case 'fee_waived': return [['reason', 'select', { options: opt(WAIVERS, 'waiver') }], ['notes', 'textarea', { max: 2000 }]];
    case 'replied': return [
      ['outcome', 'select', { options: OUTCOME_GROUPS.map(([g, list]) => ({ group: t(`outcomegroup.${g}`), options: opt(list, 'outcome') })) }],
      ['referred_body', 'text', { required: true, max: 200, hint: t('hint.referred_body'), wide: true, when: (v) => v.outcome === 'not_held_other_body' }],
      ['basis', 'text', { max: 500, hint: t('hint.basis'), wide: true }],
      ['delivered_on', 'date', { hint: t('hint.delivered_on') }],
      ['delivery_method', 'select', { options: [['', t('common.unspecified')], ...opt(DELIVERY, 'delivery')] }],
      ['notes', 'textarea', { max: 5000 }]];
    case 'withdrawn': case 'correction_lapsed': case 'fee_lapsed': return [['notes', 'textarea', { max: 2000 }]];
    case 'note': return [['text', 'textarea', { required: true, max: 5000 }]];
    // 承办: a user of the body and one of its units (empty: nobody's, no unit)
    case 'assigned': return [
      ['assignee', 'select', { options: [['', t('assign.nobody')], ...ctx.assignees.map((u) => [String(u.id), u.name])], initial: ctx.assignee }],
      ['unit', 'select', { options: [['', t('assign.no_unit')], ...ctx.units.map((u) => [u, u])], initial: ctx.unit }]];
    // 转办 to a body below, 退回 to the one above; the clock goes with it
    case 'transferred': return [
      ['to_body_id', 'select', { options: ctx.targets.map((b) => [String(b.id), b.up ? t('assign.return_to', { name: b.name }) : b.name]), wide: true }],
      ['reason', 'textarea', { required: true, max: 2000, hint: t('hint.transfer_reason') }]];
    default: return [];
  }
}

export async function render(main, [idText]) {
  const id = Number(idText);
  const store = draft(`request.${id}`);
  const drafts = store.load() || { type: null, values: {} };
  const state = { r: null, etag: null, events: [], dl: null, fees: [], consultations: [], reconsiderations: [], litigations: [], letters: null, attachments: null, assignees: [], units: [], answers: [] };

  async function load() {
    const [r, ev, dl, rc, lit, letters, attachments, answers] = await Promise.all([api('GET', `/api/v1/requests/${id}`), api('GET', `/api/v1/requests/${id}/events`),
      api('GET', `/api/v1/requests/${id}/deadline`), api('GET', `/api/v1/requests/${id}/reconsiderations`), api('GET', `/api/v1/requests/${id}/litigations`),
      loadLetters(id), loadAttachments(id), loadOnlineCorrections(id)]);
    // the reads must describe one version; else read again
    if (dl.etag && r.etag && dl.etag !== r.etag) return load();
    state.r = r.data; state.etag = r.etag; state.events = ev.data.events; state.dl = dl.data;
    state.reconsiderations = rc.data.reconsiderations; state.litigations = lit.data.litigations; state.letters = letters;
    state.attachments = attachments;
    state.answers = answers;
    // fee notices and consultations are events: read them when there are some
    const has = (type) => state.events.some((e) => e.type === type);
    const [fees, cons] = await Promise.all([has('fee_notice_issued') ? api('GET', `/api/v1/requests/${id}/fees`) : null,
      has('consultation_started') ? api('GET', `/api/v1/requests/${id}/consultations`) : null]);
    state.fees = fees?.data.fee_notices || []; state.consultations = cons?.data.consultations || [];
    // the 承办 form's choices: the body's people and units
    if ((state.dl.allowed_events || []).includes('assigned')) {
      const [who, units] = await Promise.all([api('GET', `/api/v1/bodies/${state.r.body_id}/assignees`), api('GET', `/api/v1/bodies/${state.r.body_id}/units`)]);
      state.assignees = who.data.users; state.units = units.data.units;
    }
  }
  // after a remedy record changed: the request as it is now, the remedies in view
  async function reloadRemedies(notice) {
    await load();
    draw(null, notice);
    const card = main.querySelector('#remedies-card');
    card?.scrollIntoView({ block: 'nearest' });
    (card?.querySelector('#remedy-stale') || card?.querySelector('h2'))?.focus?.({ preventScroll: true });
  }
  // after a paper went in or was voided: the card as it is now, in view
  async function reloadAttachments(notice, problemText) {
    state.attachments = await loadAttachments(id);
    const card = main.querySelector('#attachments-card');
    card?.replaceWith(withProblem(attachmentsCard(state.r, state.attachments, reloadAttachments, notice), problemText));
  }
  await load();
  draw();

  // The due date as of today: while a consultation or a fee notice pauses the
  // clock the stored due_on counts the pause as ending on its first day; the
  // explanation counts it up to today, as the API's rules do.
  function dueNow() {
    return state.dl.due_on ?? state.r.due_on;
  }

  function lastOn() {
    let last = state.r.received_on;
    for (const e of state.events) if (!['note', 'deadline_recomputed', 'registered', 'record_corrected'].includes(e.type) && e.on > last) last = e.on;
    return last;
  }

  // after a 督办 or its report: the request as it is now, the card in view
  async function reloadSupervision() {
    await load();
    draw();
    main.querySelector('#supervision-card')?.scrollIntoView({ block: 'nearest' });
    main.querySelector('#supervision-h')?.focus?.({ preventScroll: true });
  }

  // after an online 补正 was confirmed or returned: the request as it is now, the deadline in view
  async function reloadAnswers() {
    await load();
    draw();
    main.querySelector('#deadline-card')?.scrollIntoView({ block: 'nearest' });
  }

  // after a correction of the registration (or its 412): the request as it is now
  async function reloadCorrected(notice) {
    await load();
    draw(null, null, notice);
    if (notice) main.querySelector('#corr-stale')?.focus();
    else main.querySelector('h1')?.focus({ preventScroll: true });
  }

  function draw(notice, remedyNotice, correctionNotice) {
    clear(main);
    const r = state.r, dl = state.dl;
    document.title = `${r.tracking_no} · ${t('app.title')}`;
    main.append(h('div', { class: 'page-head' },
      h('h1', { tabindex: -1 }, `${t('request.title')} ${r.tracking_no}`), statusTag(r),
      r.overdue ? h('span', { class: 'tag overdue', id: 'overdue-tag' }, t('queue.overdue')) : null,
      h('a', { class: 'button no-print', href: `#/receipt/${r.id}`, id: 'request-receipt' }, t('receipt.print')),
      // the case file for the archive: a ZIP the browser saves under the name ogid gives it
      h('a', { class: 'button no-print', href: `/api/v1/requests/${r.id}/casefile`, id: 'request-casefile', download: '',
        title: t('request.casefile_hint') }, t('request.casefile')),
      h('a', { class: 'button no-print', href: '#/queue' }, t('request.back'))));
    const stale = notice ? h('div', { class: 'problem', id: 'stale-notice', role: 'alert', tabindex: -1 }, notice) : null;
    const allowed = dl.allowed_events || [];
    // the notice goes where the user was typing, else at the top with what was typed
    if (stale && !allowed.length) main.append(stale, draftSummary(drafts.type));
    main.append(h('div', { class: 'grid two' }, deadlineCard(r, dl), detailsCard(r)));
    const correction = correctionCard(state, reloadCorrected, correctionNotice);
    if (correction) main.append(correction);
    const answers = onlineCorrectionCard(r, state.answers, reloadAnswers);
    if (answers) main.append(answers);
    const supervision = supervisionCard(r, reloadSupervision);
    if (supervision) main.append(supervision);
    if (allowed.length) main.append(eventCard(allowed, stale));
    else if (r.status !== 'closed') main.append(h('p', { class: 'card muted', id: 'no-actions' }, t('request.read_only')));
    main.append(lettersCard(r, state.letters));
    main.append(attachmentsCard(r, state.attachments, reloadAttachments));
    main.append(...[feesCard(state.fees), consultationsCard(state.consultations),
      remediesCard({ request: r, reconsiderations: state.reconsiderations, litigations: state.litigations, reload: reloadRemedies, notice: remedyNotice })].filter(Boolean));
    main.append(timelineCard());
  }

  function deadlineCard(r, dl) {
    const closed = r.status === 'closed';
    const stateLine = closed ? t('request.closed_on', { date: r.closed_on, outcome: t(`outcome.${r.outcome}`) })
      : r.status === 'awaiting_correction' ? t('request.clock_stopped')
        : dl.paused ? t('request.clock_paused', { since: r.pause_since || '—', before: r.due_on || '—', live: dueNow() || '—' })
          : r.overdue ? t('request.overdue_since', { date: r.due_on }) : t('request.clock_running');
    const due = dueNow();
    return h('section', { class: `card deadline${r.overdue ? ' overdue' : ''}`, id: 'deadline-card', 'aria-labelledby': 'deadline-h' },
      h('h2', { id: 'deadline-h' }, t(closed ? 'request.closed' : 'request.deadline')),
      h('div', { class: 'due-big', id: 'due-on' }, closed ? dateWithWeekday(r.closed_on) : due ? dateWithWeekday(due) : t('queue.clock_stopped'),
        !closed && due && (r.provisional_deadline || dl.provisional) ? h('span', { class: 'tag provisional', title: t('request.provisional') }, t('mark.provisional')) : null),
      !closed && dl.paused && due ? h('p', { class: 'hint', id: 'due-live' }, t('request.due_live')) : null,
      h('p', { class: `state ${r.overdue ? 'alarm' : ''}`, id: 'clock-state' }, stateLine),
      closed && r.due_on ? h('p', { class: r.replied_late ? 'alarm' : 'ok' }, t(r.replied_late ? 'request.was_due_late' : 'request.was_due', { date: r.due_on })) : null,
      r.provisional_deadline ? h('p', { class: 'hint' }, t('request.provisional')) : null,
      r.correction_notice_late ? h('p', { class: 'alarm' }, t('request.correction_late')) : null,
      h('h3', {}, t('request.why')),
      h('ol', { class: 'steps', id: 'deadline-steps' }, (dl.steps || []).map((s) => h('li', {}, lang === 'en' ? s.text_en : s.text_zh))),
      (dl.subdeadlines || []).length ? [h('h3', {}, t('request.subdeadlines')),
        h('ul', { class: 'subdeadlines', id: 'subdeadlines' }, dl.subdeadlines.map((s) => h('li', {},
          h('span', {}, lang === 'en' ? s.label_en : s.label_zh), ' ', h('strong', {}, dateWithWeekday(s.due_on)),
          s.provisional ? h('span', { class: 'muted' }, ` ${t('request.provisional_short')}`) : null)))] : null);
  }

  function detailsCard(r) {
    const a = r.applicant;
    const rows = [
      ['receipt.body', r.body_name],
      ['f.assignee', r.assignee ? r.assignee.name : t('assign.nobody')],
      r.unit ? ['f.unit', r.unit] : null,
      r.supervision ? ['assign.supervised', t('assign.supervision_line', { by: r.supervision.by_body_name, date: r.supervision.report_by, note: r.supervision.note })] : null,
      ['intake.channel', t(`channel.${r.channel}`)],
      ['col.received', dateWithWeekday(r.received_on)],
      r.submitted_on ? ['intake.submitted_on', r.submitted_on] : null,
      ['request.regime', t(`regime.${r.regime}`)],
      ['intake.kind', t(`kind.${a.kind}`)],
      ['intake.name', a.name],
      a.id_number ? ['intake.id_number', `${t(`idtype.${a.id_type}`)} ${a.id_number}${a.id_number_masked ? ` ${t('request.masked')}` : ''}`] : null,
      a.phone ? ['intake.phone', a.phone] : null,
      a.email ? ['intake.email', a.email] : null,
      a.address ? ['intake.address', a.address] : null,
      a.postcode ? ['intake.postcode', a.postcode] : null,
      r.form?.medium ? ['intake.medium', t(`medium.${r.form.medium}`)] : null,
      r.form?.delivery ? ['intake.delivery', t(`delivery.${r.form.delivery}`)] : null,
      a.contact ? ['request.contact', a.contact] : null,
      r.purpose ? ['request.purpose', r.purpose] : null,
      r.outcome ? ['col.outcome', t(`outcome.${r.outcome}`)] : null,
    ].filter(Boolean);
    return h('section', { class: 'card', 'aria-labelledby': 'details-h' },
      h('h2', { id: 'details-h' }, t('request.details')),
      h('dl', { class: 'details' }, rows.map(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)])),
      h('h3', {}, t('intake.description')), h('p', { id: 'description', class: 'pre' }, r.description));
  }

  function summary(e) {
    const p = e.payload || {};
    const items = e.type === 'record_corrected' ? correctionItems(e) : [];
    const add = (k, v) => { if (v !== undefined && v !== null && v !== '') items.push([t(`f.${k}`), v]); };
    if (e.type === 'record_corrected') return h('dl', { class: 'ev-details corrected' }, items.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    if (e.type === 'supervised' || e.type === 'supervision_answered')
      return h('dl', { class: 'ev-details supervision' }, supervisionItems(e).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    if (e.type === 'deadline_recomputed') add('due_change', `${p.from || '—'} → ${p.to || '—'}`);
    if (p.outcome) add('outcome', t(`outcome.${p.outcome}`));
    if (p.party) add('party', t(`party.${p.party}`));
    if (p.answer) add('answer', t(`answer.${p.answer}`));
    if (p.method) add(e.type === 'letter_served' ? 'service_method' : 'method', t(e.type === 'letter_served' ? `svc.method.${p.method}` : `method.${p.method}`));
    if (e.type.startsWith('letter_') && p.kind) add('letter_kind', t(`letter.kind.${p.kind}`));
    if (e.type.startsWith('letter_')) { add('ref', p.ref); add('served_on', p.served_on); }
    if (p.working_days) add('working_days', workdays(p.working_days));
    if (e.type === 'assigned') { add('assignee', p.assignee ? p.assignee_name : t('assign.nobody')); add('unit', p.unit); }
    if (e.type === 'transferred') add('to_body_id', `${p.from_body_name} → ${p.to_body_name}`);
    if (p.amount !== undefined) add('amount', t('unit.yuan', { n: p.amount }));
    if (p.delivery_method) add('delivery_method', DELIVERY.includes(p.delivery_method) ? t(`delivery.${p.delivery_method}`) : p.delivery_method);
    for (const k of ['name', 'items', 'correction_due', 'party_received_on', 'approver', 'reason', 'reasons', 'override_public_interest',
      'due_on', 'pages', 'pay_by', 'basis', 'referred_body', 'delivered_on', 'notes', 'text']) add(k, p[k]);
    return items.length ? h('dl', { class: 'ev-details' }, items.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : null;
  }

  function timelineCard() {
    return h('section', { class: 'card', 'aria-labelledby': 'timeline-h' },
      h('h2', { id: 'timeline-h' }, t('request.timeline')),
      h('ol', { class: 'timeline', id: 'timeline' }, state.events.map((e) => h('li', { 'data-type': e.type, class: CLOSING.has(e.type) ? 'closing' : null },
        h('div', { class: 'when' }, h('strong', {}, dateWithWeekday(e.on)), ' ', h('span', { class: 'ev-type' }, t(`ev.${e.type}`))),
        h('div', { class: 'muted small' }, t('request.recorded', { actor: e.actor_name || e.actor, at: e.recorded_at.slice(0, 16).replace('T', ' ') })),
        summary(e)))));
  }

  // What was typed for an event that can no longer be recorded, to copy from.
  function draftSummary(type) {
    const values = Object.entries(drafts.values[type] || {}).filter(([, v]) => v);
    if (!type || !values.some(([k]) => k !== 'on')) return null;
    return h('div', { class: 'card draft', id: 'draft-summary' }, h('h3', {}, t('request.your_draft', { type: t(`ev.${type}`) })),
      h('dl', { class: 'ev-details' }, values.map(([k, v]) => [h('dt', {}, t(`f.${k}`)), h('dd', {}, v)])));
  }

  // The open consultations (for consultation_ended): their windows carry the starting event's id.
  // third parties that objected and whose objection has not been overridden (art. 32)
  function objectedConsultations() {
    const started = new Map(state.events.filter((e) => e.type === 'consultation_started').map((e) => [e.id, e]));
    const overridden = new Set(state.events.filter((e) => e.type === 'objection_overridden').map((e) => e.payload?.consultation));
    return state.events.filter((e) => e.type === 'consultation_ended' && e.payload?.answer === 'object')
      .map((e) => e.payload?.consultation).filter((c) => c && !overridden.has(c) && started.get(c)?.payload?.party === 'third_party')
      .map((c) => ({ id: c, name: started.get(c)?.payload?.name || String(c) }));
  }

  function openConsultations() {
    return (state.dl.subdeadlines || []).filter((s) => s.consultation).map((s) => {
      const start = state.events.find((e) => e.id === s.consultation);
      return { id: s.consultation, due_on: s.due_on, name: start?.payload?.name || String(s.consultation) };
    });
  }

  function eventCard(allowed, stale) {
    const wanted = drafts.type;
    // a draft of an event that is no longer possible (someone acted first): say so
    const typed = Object.entries(drafts.values[wanted] || {}).some(([k, v]) => k !== 'on' && v);
    const gone = wanted && typed && !allowed.includes(wanted) ? wanted : null;
    const initial = allowed.includes(wanted) ? wanted : allowed[0];
    const chooser = select('event-type', allowed.map((tp) => [tp, t(`ev.${tp}`)]), initial, { id: 'event-type' });
    const holder = h('div');
    const card = h('section', { class: 'card no-print', id: 'event-card', 'aria-labelledby': 'event-h' },
      h('h2', { id: 'event-h' }, t('request.actions')),
      stale,
      gone ? h('p', { class: 'problem', id: 'gone-notice' }, t('request.gone', { type: t(`ev.${gone}`) })) : null,
      gone ? draftSummary(gone) : null,
      field(t('request.choose'), chooser, { hint: h('span', { id: 'event-help' }) }), holder);
    const drawForm = () => {
      drafts.type = chooser.value;
      store.save(drafts);
      card.querySelector('#event-help').textContent = t(`help.${chooser.value}`);
      clear(holder).append(eventForm(chooser.value));
    };
    chooser.addEventListener('change', drawForm);
    // Ctrl+Enter saves from anywhere in the card, the chooser of the event too
    card.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || holder.contains(e.target)) return;
      e.preventDefault();
      holder.querySelector('form')?.requestSubmit();
    });
    drawForm();
    return card;
  }

  function eventForm(type) {
    const r = state.r;
    const due = dueNow();
    const ctx = { today: today(), period: r.regime === '2008' ? 15 : 20, dueOn: due, regime: r.regime, open: openConsultations(), objected: objectedConsultations(),
      assignees: state.assignees, units: state.units, assignee: r.assignee ? String(r.assignee.id) : '', unit: r.unit || '', targets: transferTargets(r) };
    const values = drafts.values[type] || {};
    const last = lastOn();
    const onMax = type === 'extension_approved' && due && due < ctx.today ? due : ctx.today;
    const on = h('input', { type: 'date', name: 'on', id: 'ev-on', min: last, max: onMax, value: values.on || (ctx.today <= onMax ? ctx.today : onMax), required: true });
    const inputs = { on };
    const fields = [field(t('f.on'), on, { required: true, hint: t(type === 'extension_approved' && due ? 'hint.on_extension' : 'hint.on', { last, due }) })];
    const conditional = [];
    for (const [name, kind, o] of fieldsOf(type, ctx)) {
      let input;
      const value = values[name] ?? o.initial ?? (name === 'approver' ? session.user?.name : undefined);
      if (kind === 'select') input = select(name, o.options, value, { id: `ev-${name}` });
      else if (kind === 'textarea') input = h('textarea', { name, id: `ev-${name}`, maxlength: o.max, rows: 3, value: value ?? '' });
      else input = h('input', { name, id: `ev-${name}`, type: kind, value: value ?? '', maxlength: kind === 'text' ? o.max : null,
        min: o.min ?? (kind === 'date' ? last : null), max: kind === 'date' ? (o.max === null ? null : ctx.today) : o.max ?? null, inputmode: kind === 'number' ? 'numeric' : null });
      inputs[name] = input;
      const f = field(t(o.label || `f.${name}`), input, { required: o.required, hint: o.hint, wide: kind === 'textarea' || o.wide });
      if (o.when) conditional.push([f, o.when]);
      fields.push(f);
    }
    const preview = type === 'extension_approved' ? h('p', { class: 'hint', id: 'extension-preview', 'aria-live': 'polite' }) : null;
    // a fee notice: what the measures allow, the amount prefilled
    const quote = type === 'fee_notice_issued' ? feeQuote(id, inputs) : null;
    let quoteTimer;
    // a date in a year whose report is locked: an admin records it with a reason
    const override = h('textarea', { name: 'override_reason', id: 'ev-override_reason', rows: 2, maxlength: 500, value: values.override_reason ?? '' });
    const overrideField = field(t('request.override_reason'), override, { required: true, wide: true, hint: t('request.override_hint') });
    overrideField.hidden = !values.override_reason;
    inputs.override_reason = override;
    const problem = problemBox('event-problem');
    const submit = h('button', { class: CLOSING.has(type) ? 'primary danger' : 'primary', type: 'submit', id: 'ev-submit' }, t(CLOSING.has(type) ? 'f.submit_close' : 'f.submit'));
    const form = h('form', { id: `form-${type}`, novalidate: true }, h('div', { class: 'grid' }, fields), quote?.box, preview,
      CLOSING.has(type) ? h('p', { class: 'warning', id: 'closing-warning' }, t('request.closing_warning')) : null,
      h('div', { class: 'grid' }, overrideField), problem, h('div', { class: 'actions' }, submit));
    const current = () => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value]));
    const showConditional = () => { const v = current(); for (const [f, when] of conditional) f.hidden = !when(v); };
    let basisAuto = !values.basis;
    if (type === 'replied' && basisAuto && r.regime !== '2008') inputs.basis.value = BASIS[inputs.outcome.value] ? REG + BASIS[inputs.outcome.value] : '';
    const keep = () => { drafts.values[type] = current(); store.save(drafts); };
    form.addEventListener('input', (e) => {
      if (e.target === inputs.basis) basisAuto = false;
      if (e.target === inputs.outcome && basisAuto && r.regime !== '2008') inputs.basis.value = BASIS[inputs.outcome.value] ? REG + BASIS[inputs.outcome.value] : '';
      const f = e.target.closest('.field');
      if (f) setFieldError(f, '');
      showConditional();
      keep();
      if (preview && (e.target === inputs.working_days)) extensionPreview();
      if (quote && [inputs.method, inputs.pages, inputs.items].includes(e.target)) { clearTimeout(quoteTimer); quoteTimer = setTimeout(quote.update, 300); }
    });
    form.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); } });
    async function extensionPreview() {
      const n = Number(inputs.working_days.value);
      if (!due || !Number.isInteger(n) || n < 1 || n > ctx.period) { preview.textContent = ''; return; }
      try {
        const x = (await api('GET', `/api/v1/workdays/add?from=${due}&days=${n}`)).data;
        preview.textContent = t('hint.extension_preview', { from: due, n, date: dateWithWeekday(x.date) }) + (x.provisional ? ` ${t('request.provisional')}` : '');
      } catch { preview.textContent = ''; }
    }
    if (preview) extensionPreview();
    showConditional();

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      keep();
      clearErrors(form);
      showProblem(problem, '');
      const body = { type, on: on.value };
      for (const [name, kind] of fieldsOf(type, ctx)) {
        const f = inputs[name].closest('.field');
        if (f.hidden) continue;
        const v = inputs[name].value.trim();
        if (v === '') continue;
        body[name] = kind === 'number' || ['consultation', 'assignee', 'to_body_id'].includes(name) ? Number(v) : v;
      }
      if (!overrideField.hidden) body.override_reason = override.value.trim();
      submit.disabled = true;
      try {
        await api('POST', `/api/v1/requests/${id}/events`, body, { 'If-Match': state.etag });
        delete drafts.values[type];
        drafts.type = null;
        store.save(drafts);
        await load();
        draw();
        toast(t('request.recorded_ok', { type: t(`ev.${type}`) }));
        document.querySelector(`#timeline li:last-child`)?.scrollIntoView({ block: 'nearest' });
        main.querySelector('h1')?.focus({ preventScroll: true });
      } catch (e) {
        submit.disabled = false;
        if (e.status === 412) {
          // someone else acted first: show the request as it is now, keep the draft
          await load();
          draw(t('request.stale'));
          main.querySelector('#stale-notice')?.focus();
          return;
        }
        if (e.code === 'year_locked' || e.code === 'override_reason_required') {
          if (can('admin', state.r.body_id)) {
            overrideField.hidden = false;
            setFieldError(overrideField, e.code === 'year_locked' ? t('request.override_hint') : e.text());
            override.focus();
          } else {
            showProblem(problem, t('request.year_locked'));
            problem.focus();
          }
          return;
        }
        const rest = showFieldErrors(form, e.problem);
        const rule = RULE_FIELD[e.code];
        if (rule && inputs[rule]) {
          setFieldError(inputs[rule].closest('.field'), ruleText(e));
          inputs[rule].focus();
        } else if (rest.length || !e.problem?.errors) {
          showProblem(problem, [e.status === 409 ? ruleText(e) : e.text(), ...rest.map(errorMessage)].join(lang === 'en' ? '; ' : '；'));
          problem.focus();
        }
      }
    });
    return form;
  }

  // Where the request may go: the bodies below its own the caller sees, and its parent.
  function transferTargets(r) {
    const own = session.bodies.find((b) => b.id === r.body_id);
    const path = own?.path || [r.body_id];
    const parent = path.length > 1 ? path[path.length - 2] : null;
    return session.bodies.filter((b) => b.id !== r.body_id && ((b.path || []).includes(r.body_id) || b.id === parent))
      .map((b) => ({ id: b.id, name: b.name, up: b.id === parent }));
  }

  // A rule the API refused, with the dates it refers to (the API's detail is in English).
  function ruleText(e) {
    if (lang === 'en') return e.text();
    const ctx = { received: state.r.received_on, last: lastOn(), due: dueNow() || '—' };
    const extra = { date_before_receipt: 'rule.received', date_out_of_order: 'rule.last', extension_after_due: 'rule.due', delay_too_early: 'rule.due' }[e.code];
    return extra ? `${e.text()}（${t(extra, ctx)}）` : e.text();
  }
}
