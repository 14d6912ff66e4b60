// What a letter states that the record does not hold (LetterFacts; the keys
// each kind reads are docs/letter-rules.md's table): a form of those the
// draft's kind — for a reply its outcome — needs, with the letter's date
// (its remedy sentence is the one right on it).  Saving composes the draft
// anew from the record and these facts (PATCH … regenerate); the API's
// errors (facts.<key>) land next to their fields.
import { h, select } from '../dom.js';
import { t } from '../i18n.js';
import { today } from '../app.js';
import { field } from './common.js';

// the grounds a withheld part may have (art. 37 with 14, 15, 16; or not government information, art. 2)
const GROUNDS = ['withheld_state_secret', 'withheld_law_prohibited', 'withheld_security_stability', 'withheld_third_party',
  'withheld_internal_affairs', 'withheld_process_info', 'withheld_enforcement_file', 'not_government_info'];
const CONSULTING = ['third_party_consultation', 'body_consultation', 'consultation_notice', 'override_notice'];

// [key, kind] of the facts a letter reads; kind text | textarea | date | lines | consultation | parts.
function factFields(l, ctx) {
  const out = [];
  if (CONSULTING.includes(l.kind) && ctx.consultations.length > 1) out.push(['consultation', 'consultation']);
  if (['third_party_consultation', 'body_consultation', 'override_notice'].includes(l.kind)) out.push(['info_concerned', 'textarea']);
  if (l.kind === 'override_notice') out.push(['disclose_on', 'text']);
  if (l.kind === 'fee_notice') out.push(['pay_how', 'textarea']);
  if (l.kind === 'reply') {
    switch (l.outcome) {
      case 'already_public': out.push(['where', 'text'], ['url', 'text'], ['index', 'text']); break;
      case 'disclosed': out.push(['provided', 'textarea'], ['provide_how', 'text']); break;
      case 'partial': out.push(['disclosed_part', 'textarea'], ['provide_how', 'text'], ['withheld_parts', 'parts']); break;
      case 'not_held_not_exist': out.push(['search_done', 'textarea']); break;
      case 'not_held_other_body': out.push(['other_body', 'text'], ['other_body_contact', 'text']); break;
      case 'rejected_repeat': out.push(['earlier_ref', 'text'], ['earlier_on', 'date']); break;
      case 'withheld_query_matter': case 'rejected_petition': case 'rejected_publication': out.push(['proper_channel', 'textarea']); break;
      case 'other': out.push(['decision', 'textarea']); break;
      default: break;
    }
    out.push(['reasons', 'textarea']);
  }
  if (ctx.corrected) out.push(['correction_content', 'textarea']);
  out.push(['attachments', 'lines']);
  return out;
}

// The consultations a letter of this kind may be about: [{id, name, party, on}].
export function consultationsFor(kind, events) {
  const party = kind === 'body_consultation' ? 'other_body' : kind === 'consultation_notice' ? null : 'third_party';
  return events.filter((e) => e.type === 'consultation_started' && (!party || e.payload?.party === party))
    .map((e) => ({ id: e.id, name: e.payload?.name || String(e.id), party: e.payload?.party, on: e.on }));
}

// The facts form of draft l.  ctx: {r, events}.  Returns {el, value(), letterDate}.
export function factsForm(l, ctx) {
  const facts = l.facts || {};
  const events = ctx.events || [];
  const c = { consultations: consultationsFor(l.kind, events), corrected: events.some((e) => e.type === 'correction_received') };
  const replied = [...events].reverse().find((e) => e.type === 'replied');
  const inputs = {};
  const fields = [];
  const letterDate = h('input', { type: 'date', id: 'fact-letter_date', name: 'letter_date', value: l.letter_date, min: ctx.r.received_on, max: today() });
  fields.push(field(t('fact.letter_date'), letterDate, { hint: t('fact.letter_date_hint') }));
  let parts = null;
  for (const [key, kind] of factFields(l, c)) {
    const id = `fact-${key}`;
    const name = `facts.${key}`;
    let input;
    if (kind === 'consultation') {
      input = select(name, c.consultations.map((x) => [String(x.id), `${x.name}（${t(`party.${x.party}`)}，${x.on}）`]),
        facts.consultation ? String(facts.consultation) : String(c.consultations[c.consultations.length - 1].id), { id });
    } else if (kind === 'parts') {
      parts = partsEditor(facts.withheld_parts || []);
      fields.push(parts.el);
      continue;
    } else if (kind === 'lines') {
      input = h('textarea', { id, name, rows: 2, value: (facts[key] || []).join('\n') });
    } else if (kind === 'textarea') {
      input = h('textarea', { id, name, rows: 3, maxlength: 2000, value: facts[key] ?? '' });
    } else {
      input = h('input', { id, name, type: kind === 'date' ? 'date' : 'text', maxlength: kind === 'date' ? null : 2000, value: facts[key] ?? '',
        max: kind === 'date' ? today() : null });
    }
    if (key === 'other_body' && replied?.payload?.referred_body) input.placeholder = replied.payload.referred_body;
    if (key === 'provide_how' && ctx.r.form?.delivery) input.placeholder = `${t(`delivery.${ctx.r.form.delivery}`)}`;
    inputs[key] = [input, kind];
    fields.push(field(t(`fact.${key}`), input, { name, hint: t(`fact.${key}_hint`), wide: kind !== 'text' && kind !== 'date' }));
  }
  const el = h('div', { class: 'grid', id: 'facts-fields' }, fields);

  // the facts as PATCH takes them: those of the form as typed (empty ones left out), the rest kept
  function value() {
    const out = { ...facts };
    for (const [key, [input, kind]] of Object.entries(inputs)) {
      delete out[key];
      const v = input.value.trim();
      if (kind === 'lines') {
        const lines = input.value.split('\n').map((s) => s.trim()).filter(Boolean);
        if (lines.length) out[key] = lines;
      } else if (kind === 'consultation') out[key] = Number(v);
      else if (v) out[key] = v;
    }
    if (parts) {
      delete out.withheld_parts;
      const list = parts.value();
      if (list.length) out.withheld_parts = list;
    }
    return out;
  }
  return { el, value, letterDate };
}

// The withheld parts of a partial disclosure: each with its ground from a list and its reasons.
function partsEditor(initial) {
  const rows = h('div', { class: 'parts', id: 'withheld-parts' });
  const add = h('button', { type: 'button', id: 'part-add' }, t('fact.part_add'));
  const error = h('div', { class: 'error', id: 'withheld-parts-error', 'aria-live': 'polite' });
  const el = h('fieldset', { class: 'field wide parts-box', 'data-field': 'facts.withheld_parts' },
    h('legend', {}, t('fact.withheld_parts')), h('div', { class: 'hint' }, t('fact.withheld_parts_hint')), error, rows, add);
  let n = 0;
  function row(p = {}) {
    const i = n++;
    const part = h('input', { id: `part-${i}-part`, name: 'part', maxlength: 2000, value: p.part ?? '' });
    const ground = select('outcome', GROUNDS.map((o) => [o, t(`ground.${o}`)]), p.outcome || 'withheld_third_party', { id: `part-${i}-outcome` });
    const reasons = h('input', { id: `part-${i}-reasons`, name: 'reasons', maxlength: 2000, value: p.reasons ?? '' });
    const remove = h('button', { type: 'button', class: 'link', id: `part-${i}-remove` }, t('fact.part_remove'));
    const r = h('div', { class: 'field part-row', 'data-row': i },
      h('div', { class: 'part-grid' },
        h('label', { for: part.id }, t('fact.part'), part), h('label', { for: ground.id }, t('fact.part_ground'), ground),
        h('label', { for: reasons.id }, t('fact.part_reasons'), reasons)),
      h('div', { class: 'error', id: `part-${i}-error`, 'aria-live': 'polite' }), remove);
    remove.addEventListener('click', () => { r.remove(); renumber(); add.focus(); });
    rows.append(r);
    renumber();
    return part;
  }
  // the API names a part by its place in the list: facts.withheld_parts[i]
  function renumber() {
    [...rows.children].forEach((r, k) => r.setAttribute('data-field', `facts.withheld_parts[${k}]`));
  }
  add.addEventListener('click', () => row().focus());
  for (const p of initial) row(p);
  if (!initial.length) row();
  function value() {
    return [...rows.children].map((r) => {
      const [part, ground, reasons] = ['part', 'outcome', 'reasons'].map((k) => r.querySelector(`[name=${k}]`).value.trim());
      return part || reasons ? { part, outcome: ground, ...(reasons ? { reasons } : {}) } : null;
    }).filter(Boolean);
  }
  return { el, value };
}
