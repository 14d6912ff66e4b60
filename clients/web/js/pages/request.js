// A request: details, the deadline with its explanation, the timeline, and
// forms for the events that are valid now.  A stale version (someone acted
// first) is explained and what was typed is kept.
import { api } from '../api.js';
import { h, clear, select, toast } from '../dom.js';
import { t, lang } from '../i18n.js';
import { hasRole } from '../app.js';
import { statusTag, field, showFieldErrors, today } from './common.js';

const OUTCOMES = ['already_public', 'disclosed', 'partial', 'withheld_state_secret', 'withheld_law_prohibited',
  'withheld_security_stability', 'withheld_third_party', 'withheld_internal_affairs', 'withheld_process_info',
  'withheld_enforcement_file', 'withheld_query_matter', 'not_held_not_exist', 'not_held_other_body', 'needs_creation',
  'still_unclear', 'not_government_info', 'rejected_petition', 'rejected_repeat', 'rejected_publication',
  'rejected_excessive', 'rejected_confirm_reissue', 'other'];

const WAIVERS = () => ['wubao', 'dibao', 'youfu', 'hardship', 'other'].map((w) => [w, t(`waiver.${w}`)]);

// Each event form: its fields [name, kind, options?, required?] and the least role.
const FORMS = {
  correction_requested: { role: 'clerk', fields: [['items', 'textarea', null, true], ['correction_due', 'date']] },
  correction_received: { role: 'clerk', fields: [] },
  correction_lapsed: { role: 'clerk', fields: [['notes', 'textarea']] },
  consultation_started: { role: 'clerk', fields: [['party', 'select', ['third_party', 'other_body'].map((p) => [p, t(`party.${p}`)]), true], ['name', 'text', null, true], ['party_received_on', 'date']] },
  consultation_delivered: { role: 'clerk', fields: [['consultation', 'number']] },
  consultation_ended: { role: 'clerk', fields: [['answer', 'select', ['agree', 'object', 'no_answer'].map((p) => [p, t(`answer.${p}`)]), true], ['reasons', 'textarea'], ['consultation', 'number']] },
  objection_overridden: { role: 'approver', fields: [['reason', 'textarea', null, true], ['notified_on', 'date'], ['consultation', 'number']] },
  extension_approved: { role: 'approver', fields: [['working_days', 'number', null, true], ['approver', 'text', null, true], ['reason', 'textarea', null, true]] },
  delay_set: { role: 'approver', fields: [['due_on', 'date', null, true], ['reason', 'textarea', null, true]] },
  fee_notice_issued: { role: 'approver', fields: [['method', 'select', ['per_item', 'per_volume', 'legacy'].map((p) => [p, t(`method.${p}`)]), true], ['amount', 'number'], ['pages', 'number'], ['search_fee', 'number'], ['copy_fee', 'number'], ['postage', 'number']] },
  fee_paid: { role: 'clerk', fields: [['amount', 'number'], ['reduction_reason', 'select', [['', '—'], ...WAIVERS()]], ['notes', 'textarea']] },
  fee_waived: { role: 'approver', fields: [['reason', 'select', WAIVERS(), true], ['notes', 'textarea']] },
  fee_lapsed: { role: 'clerk', fields: [['notes', 'textarea']] },
  replied: { role: 'handler', fields: [['outcome', 'select', OUTCOMES.map((o) => [o, t(`outcome.${o}`)]), true], ['basis', 'text'], ['referred_body', 'text'], ['delivered_on', 'date'], ['delivery_method', 'text'], ['notes', 'textarea']] },
  withdrawn: { role: 'clerk', fields: [['notes', 'textarea']] },
  note: { role: 'clerk', fields: [['text', 'textarea', null, true]] },
};

// The events that make sense in each status (the API refuses the others with 409).
function validNow(r, events) {
  const asked = events.some((e) => e.type === 'correction_requested');
  // a consultation whose window ended unanswered no longer pauses the clock but still waits for its end
  const unanswered = (r.subdeadlines || []).some((s) => s.kind === 'third_party_reply');
  const objected = events.some((e) => e.type === 'consultation_ended' && e.payload?.answer === 'object');
  const consulting = [...(unanswered ? ['consultation_ended', 'consultation_delivered'] : []), ...(objected ? ['objection_overridden'] : [])];
  switch (r.status) {
    case 'registered': return [...(asked ? [] : ['correction_requested']), 'consultation_started', ...consulting,
      ...(r.extension_used ? [] : ['extension_approved']), 'delay_set', 'fee_notice_issued', 'replied', 'withdrawn', 'note'];
    case 'awaiting_correction': return ['correction_received', 'correction_lapsed', 'withdrawn', 'note'];
    case 'consulting': return [...consulting, 'consultation_started', ...(r.extension_used ? [] : ['extension_approved']), 'withdrawn', 'note'];
    case 'awaiting_payment': return ['fee_paid', 'fee_waived', 'fee_lapsed', 'withdrawn', 'note'];
    default: return [];
  }
}

export async function render(main, [id]) {
  const state = { r: null, etag: null, events: [], deadline: null, drafts: {} };
  async function load() {
    const r = await api('GET', `/api/v1/requests/${id}`);
    state.r = r.data; state.etag = r.etag;
    state.events = (await api('GET', `/api/v1/requests/${id}/events`)).data.events;
    state.deadline = (await api('GET', `/api/v1/requests/${id}/deadline`)).data;
  }
  await load();
  draw();

  function draw(notice) {
    clear(main);
    const r = state.r;
    main.append(h('h1', {}, `${r.tracking_no}　`, statusTag(r)));
    if (notice) main.append(h('div', { class: 'problem', id: 'stale-notice' }, notice));
    const dl = state.deadline;
    main.append(h('div', { class: 'grid' },
      h('div', { class: 'card', id: 'deadline-card' },
        h('h2', {}, t('request.deadline')),
        h('div', { class: 'due-big', id: 'due-on' }, r.status === 'closed' ? `${t('status.closed')} ${r.closed_on}` : (r.due_on || '—')),
        r.overdue ? h('span', { class: 'tag overdue' }, t('queue.overdue')) : null,
        r.provisional_deadline ? h('p', { class: 'hint' }, t('request.provisional')) : null,
        h('h2', {}, t('request.why')),
        h('ol', { class: 'steps', id: 'deadline-steps' }, (dl.steps || []).map((s) => h('li', {}, lang === 'en' ? (s.text_en || s.text) : (s.text_zh || s.text)))),
        (r.subdeadlines || []).length ? h('div', {}, h('h2', {}, t('request.subdeadlines')),
          h('ul', {}, r.subdeadlines.map((s) => h('li', {}, `${lang === 'en' ? (s.label_en || s.kind) : (s.label_zh || s.kind)}：${s.due_on}`)))) : null),
      h('div', { class: 'card' },
        h('h2', {}, t('receipt.applicant')),
        h('p', {}, `${r.applicant.name}（${t(`kind.${r.applicant.kind}`)}）`),
        r.applicant.id_number ? h('p', { class: 'muted' }, `${t(`idtype.${r.applicant.id_type}`)} ${r.applicant.id_number}${r.applicant.id_number_masked ? ' ' + t('request.masked') : ''}`) : null,
        r.applicant.phone ? h('p', { class: 'muted' }, r.applicant.phone) : null,
        h('p', {}, `${t('intake.channel')}：${t(`channel.${r.channel}`)} · ${t('col.received')}：${r.received_on}`),
        h('h2', {}, t('receipt.content')), h('p', { id: 'description' }, r.description),
        r.outcome ? h('p', {}, `${t('col.outcome')}：${t(`outcome.${r.outcome}`)}`) : null)));

    main.append(h('div', { class: 'card' }, h('h2', {}, t('request.timeline')),
      h('ul', { class: 'timeline', id: 'timeline' }, state.events.map((e) => h('li', { 'data-type': e.type },
        h('span', { class: 'when' }, `${e.on}　${t(`ev.${e.type}`)}`), ' ',
        h('span', { class: 'muted' }, `${e.actor} · ${e.recorded_at.slice(0, 16)}`),
        summary(e))))));

    const types = validNow(r, state.events).filter((tp) => hasRole(FORMS[tp].role));
    if (types.length) main.append(eventForms(types));
  }

  function summary(e) {
    const p = e.payload || {};
    const bits = [];
    if (p.outcome) bits.push(t(`outcome.${p.outcome}`));
    for (const k of ['items', 'name', 'reason', 'reasons', 'text', 'referred_body', 'notes']) if (p[k]) bits.push(p[k]);
    if (p.working_days) bits.push(`+${p.working_days}`);
    if (p.due_on) bits.push(p.due_on);
    if (p.amount !== undefined) bits.push(`${p.amount} 元`);
    return bits.length ? h('div', {}, bits.join(' · ')) : null;
  }

  function eventForms(types) {
    const chooser = select('event-type', types.map((tp) => [tp, t(`ev.${tp}`)]), state.drafts._type || types[0]);
    const holder = h('div');
    const card = h('div', { class: 'card', id: 'event-card' }, h('h2', {}, t('request.actions')),
      field(t('request.actions'), chooser), holder);
    const drawForm = () => { state.drafts._type = chooser.value; clear(holder).append(eventForm(chooser.value)); };
    chooser.addEventListener('change', drawForm);
    drawForm();
    return card;
  }

  function eventForm(type) {
    const spec = FORMS[type];
    const draft = state.drafts[type] || {};
    const on = h('input', { type: 'date', name: 'on', id: 'ev-on', max: today(), value: draft.on || today(), required: true });
    const inputs = { on };
    const fields = [field(t('f.on'), on)];
    for (const [name, kind, options, required] of spec.fields) {
      let input;
      if (kind === 'select') input = select(name, options, draft[name] ?? options[0][0], { id: `ev-${name}` });
      else if (kind === 'textarea') input = h('textarea', { name, id: `ev-${name}`, required }, draft[name] || '');
      else input = h('input', { name, id: `ev-${name}`, type: kind, required, value: draft[name] || '', min: kind === 'number' ? 0 : null });
      inputs[name] = input;
      fields.push(field(t(`f.${name}`), input));
    }
    const problem = h('div', { class: 'problem', hidden: true });
    const form = h('form', { id: `form-${type}`, novalidate: true }, h('div', { class: 'grid' }, fields), problem,
      h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit', id: 'ev-submit' }, t('f.submit'))));
    const keep = () => { state.drafts[type] = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value])); };
    form.addEventListener('input', keep);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      keep();
      const body = { type, on: on.value };
      for (const [name, kind] of spec.fields) {
        const v = inputs[name].value.trim();
        if (v === '') continue;
        body[name] = kind === 'number' ? Number(v) : v;
      }
      try {
        const r = await api('POST', `/api/v1/requests/${id}/events`, body, { 'If-Match': state.etag });
        delete state.drafts[type];
        state.r = r.data; state.etag = r.etag;
        await load();
        toast(`${t(`ev.${type}`)} ✓`);
        draw();
      } catch (e) {
        if (e.status === 412) { await load(); draw(t('request.stale')); return; }
        const rest = showFieldErrors(form, e.problem);
        if (rest.length || !e.problem?.errors) {
          problem.textContent = [e.problem?.title, e.problem?.detail, ...rest.map((x) => `${x.field}: ${x.message}`)].filter(Boolean).join('：');
          problem.hidden = false;
        }
      }
    });
    return form;
  }
}
