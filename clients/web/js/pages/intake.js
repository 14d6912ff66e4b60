// Intake: register an application.  The identity document, phone and
// e-mail are checked as they are typed with the API's own rules and
// messages; the channel says which date is the legal receipt date (art. 31);
// the due date is shown before saving; the API's errors land next to their
// fields.  What was typed is a draft until the API has it, and a retry
// after a lost answer cannot register twice (Idempotency-Key).  Keyboard:
// Tab through in order, Enter (or Ctrl+Enter anywhere) saves, the first
// error takes the focus.
import { api, get } from '../api.js';
import { h, select } from '../dom.js';
import { t, lang } from '../i18n.js';
import { session, go, can, today } from '../app.js';
import { checkId, checkPhone, checkEmail } from '../validate.js';
import { field, setFieldError, showFieldErrors, clearErrors, focusFirstError, problemBox, showProblem, draft, dateWithWeekday, workdays, skippedSummary } from './common.js';

const KINDS = ['natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org', 'legal_service_org', 'other_org'];
const CHANNELS = ['in_person', 'oral', 'post_registered', 'post_ordinary', 'online', 'fax', 'email'];
const PERSON_IDS = ['resident_id_card', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_resident', 'other'];
const ORG_IDS = ['uscc', 'other'];
// an 18-character number is still being typed while shorter
const FIXED_LENGTH = { resident_id_card: 18, uscc: 18 };
const REGIME_2019 = '2019-05-15';

export async function render(main) {
  const bodies = session.bodies.filter((b) => can('clerk', b.id));
  if (bodies.length === 0) { main.append(h('div', { class: 'problem' }, t('intake.no_body'))); return; }
  const store = draft('intake');
  const saved = store.load() || {};
  const today_ = today();

  const el = {
    body_id: select('body_id', bodies.map((b) => [String(b.id), b.name]), String(bodies[0].id)),
    channel: select('channel', CHANNELS.map((c) => [c, t(`channel.${c}`)]), 'in_person'),
    received_on: h('input', { type: 'date', name: 'received_on', max: today_, min: '2008-05-01', value: today_, required: true }),
    submitted_on: h('input', { type: 'date', name: 'submitted_on', max: today_, min: '2008-05-01' }),
    kind: select('kind', KINDS.map((k) => [k, t(`kind.${k}`)]), 'natural_person'),
    name: h('input', { name: 'name', required: true, autocomplete: 'off', maxlength: 200 }),
    id_type: select('id_type', [], ''),
    id_number: h('input', { name: 'id_number', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', maxlength: 64 }),
    phone: h('input', { name: 'phone', type: 'tel', autocomplete: 'off', maxlength: 32 }),
    email: h('input', { name: 'email', type: 'email', autocomplete: 'off', maxlength: 254 }),
    address: h('input', { name: 'address', autocomplete: 'off', maxlength: 500 }),
    postcode: h('input', { name: 'postcode', autocomplete: 'off', maxlength: 6, inputmode: 'numeric' }),
    description: h('textarea', { name: 'description', required: true, maxlength: 5000, rows: 4 }),
    purpose: h('input', { name: 'purpose', autocomplete: 'off', maxlength: 1000 }),
    medium: select('medium', [['', t('common.unspecified')], ...['paper', 'electronic', 'inspection'].map((m) => [m, t(`medium.${m}`)])], ''),
    delivery: select('delivery', [['', t('common.unspecified')], ...['pickup', 'post', 'email', 'online'].map((m) => [m, t(`delivery.${m}`)])], ''),
  };
  for (const [k, v] of Object.entries(el)) v.id = k;

  function idTypes() {
    const list = el.kind.value === 'natural_person' ? PERSON_IDS : ORG_IDS;
    const keep = el.id_type.value;
    el.id_type.replaceChildren(...list.map((k) => h('option', { value: k }, t(`idtype.${k}`))));
    el.id_type.value = list.includes(keep) ? keep : list[0];
  }
  // restore the draft (selects first: the id types depend on the kind)
  for (const k of ['body_id', 'channel', 'kind']) if (saved[k] !== undefined && [...el[k].options].some((o) => o.value === saved[k])) el[k].value = saved[k];
  idTypes();
  for (const [k, v] of Object.entries(saved)) if (el[k] && !['body_id', 'channel', 'kind'].includes(k)) el[k].value = v;
  let key = saved._key || null;
  const keep = () => store.save({ ...Object.fromEntries(Object.entries(el).map(([k, v]) => [k, v.value])), _key: key });

  const channelHint = h('span');
  const receivedLabel = h('span');
  const due = h('div', { class: 'due-big', id: 'due-preview' }, '—');
  const dueNote = h('div', { class: 'hint', id: 'due-note' });
  const dueSkipped = h('div', { class: 'hint', id: 'due-skipped' });
  const dueLate = h('p', { class: 'warning', id: 'due-late', role: 'alert', hidden: true });
  const problem = problemBox('intake-problem');
  const save = h('button', { class: 'primary', type: 'submit', id: 'intake-save' }, t('intake.save'));
  const idCheck = h('div', { class: 'ok', id: 'id-check', 'aria-live': 'polite' });
  // what the same identity number has applied for already (the lookup below)
  const earlier = h('div', { class: 'earlier', id: 'intake-earlier', 'aria-live': 'polite', hidden: true });

  const F = {
    body_id: field(t('intake.body'), el.body_id, { required: true }),
    channel: field(t('intake.channel'), el.channel, { required: true, hint: channelHint }),
    received_on: field(receivedLabel, el.received_on, { required: true, hint: t('intake.received_hint') }),
    submitted_on: field(t('intake.submitted_on'), el.submitted_on, { hint: t('intake.submitted_hint') }),
    kind: field(t('intake.kind'), el.kind, { required: true, name: 'applicant.kind', hint: t('intake.kind_hint') }),
    name: field(t('intake.name'), el.name, { required: true, name: 'applicant.name' }),
    id_type: field(t('intake.id_type'), el.id_type, { name: 'applicant.id_type' }),
    id_number: field(t('intake.id_number'), el.id_number, { name: 'applicant.id_number', hint: idCheck }),
    phone: field(t('intake.phone'), el.phone, { name: 'applicant.phone' }),
    email: field(t('intake.email'), el.email, { name: 'applicant.email' }),
    address: field(t('intake.address'), el.address, { name: 'applicant.address', wide: true }),
    postcode: field(t('intake.postcode'), el.postcode, { name: 'applicant.postcode' }),
    description: field(t('intake.description'), el.description, { required: true, wide: true, hint: t('intake.description_hint') }),
    purpose: field(t('intake.purpose'), el.purpose, { wide: true }),
    medium: field(t('intake.medium'), el.medium, { name: 'form.medium' }),
    delivery: field(t('intake.delivery'), el.delivery, { name: 'form.delivery' }),
  };
  if (bodies.length === 1) F.body_id.hidden = true;

  const form = h('form', { class: 'card', id: 'intake-form', novalidate: true, autocomplete: 'off' },
    h('div', { class: 'page-head' }, h('h1', {}, t('intake.title')), h('span', { class: 'muted' }, bodies.length === 1 ? bodies[0].name : null)),
    // keyboard hints only where there is a keyboard (app.css shows one of the two)
    h('p', { class: 'muted no-print', id: 'intake-intro' }, h('span', { class: 'keys-desk' }, t('intake.intro')), h('span', { class: 'keys-touch' }, t('intake.intro_touch'))),
    h('fieldset', {}, h('legend', {}, t('intake.receipt')),
      h('div', { class: 'grid' }, F.body_id, F.channel, F.received_on, F.submitted_on,
        h('div', { class: 'due-box', 'aria-live': 'polite' }, h('div', { class: 'label' }, t('intake.due_preview')), due, dueNote, dueSkipped, dueLate))),
    h('fieldset', {}, h('legend', {}, t('intake.applicant')),
      h('div', { class: 'grid' }, F.kind, F.name, F.id_type, F.id_number, F.phone, F.email, F.address, F.postcode), earlier),
    h('fieldset', {}, h('legend', {}, t('intake.request')),
      h('div', { class: 'grid' }, F.description, F.purpose, F.medium, F.delivery)),
    problem,
    h('div', { class: 'actions' }, save,
      h('button', { type: 'button', id: 'intake-clear', onclick: () => { store.clear(); go('/intake'); } }, t('intake.clear')),
      h('span', { class: 'muted keys keys-desk' }, t('intake.keys'))));
  main.append(form);

  // identity, phone, e-mail: the API's checks as the clerk types
  function checkIdNow(final) {
    const v = el.id_number.value;
    if (!v.trim()) { setFieldError(F.id_number, ''); F.id_number.classList.remove('valid'); idCheck.textContent = ''; return true; }
    const r = checkId(el.id_type.value, v, today_);
    const still = r && r.code === 'length' && !final && v.trim().length < (FIXED_LENGTH[el.id_type.value] || 0);
    F.id_number.classList.toggle('valid', !r);
    idCheck.textContent = !r ? `✓ ${t('idcheck.ok')}` : still ? t('idcheck.typing', { n: v.trim().length, of: FIXED_LENGTH[el.id_type.value] }) : '';
    setFieldError(F.id_number, r && !still ? (lang === 'en' ? r.en : r.zh) : '');
    return !r;
  }
  function checkContact(input, f, check, final) {
    const v = input.value.trim();
    const r = v ? check(v) : null;
    // while typing only take an error away; show one when the field is left
    if (!r || final) setFieldError(f, r ? (lang === 'en' ? r.en : r.zh) : '');
    return !r;
  }

  function channelChanged() {
    const c = el.channel.value;
    channelHint.textContent = t(`channelhint.${c}`);
    receivedLabel.textContent = t(`received.${c}`);
    F.submitted_on.hidden = c === 'in_person' || c === 'oral';
  }
  let previewSeq = 0;
  async function preview() {
    const seq = ++previewSeq;
    const d = el.received_on.value;
    due.textContent = '—';
    dueNote.textContent = '';
    dueSkipped.textContent = '';
    dueLate.textContent = '';
    dueLate.hidden = true;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return;
    if (d > today_) { dueNote.textContent = t('intake.received_future'); return; }
    if (d < '2008-05-01') { dueNote.textContent = t('intake.received_early'); return; }
    const days = d < REGIME_2019 ? 15 : 20;
    try {
      const r = await get(`/api/v1/workdays/add?from=${d}&days=${days}`);
      if (seq !== previewSeq) return;
      due.textContent = dateWithWeekday(r.date);
      dueNote.textContent = t(days === 15 ? 'intake.due_rule_2008' : 'intake.due_rule', { from: d, n: days }) + (r.provisional ? ` ${t('request.provisional')}` : '');
      dueSkipped.textContent = skippedSummary(r.skipped, r.makeup_counted);
      // a receipt date long past: the request is overdue the moment it is saved
      dueLate.textContent = r.date < today_ ? t('intake.due_passed', { date: r.date }) : '';
      dueLate.hidden = !dueLate.textContent;
    } catch { /* the preview is a help; saving still works */ }
  }

  // a valid number once typed: its earlier applications at the offices the clerk sees — under
  // another name a warning, at this office this month listed (they set the per-item fee's ordinal)
  let lookupSeq = 0, lookedUp = '';
  async function lookup() {
    const number = el.id_number.value.trim();
    const ask = `${el.id_type.value}|${number}|${el.name.value.trim()}|${el.body_id.value}|${el.received_on.value}`;
    if (!number || checkId(el.id_type.value, number, today_)) { earlier.hidden = true; lookedUp = ''; return; }
    if (ask === lookedUp) return;
    lookedUp = ask;
    const seq = ++lookupSeq;
    const body = { id_type: el.id_type.value, id_number: number, body_id: Number(el.body_id.value) };
    if (el.name.value.trim()) body.name = el.name.value.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(el.received_on.value) && el.received_on.value <= today_) body.received_on = el.received_on.value;
    let r;
    try { r = (await api('POST', '/api/v1/applicants/lookup', body)).data; } catch { return; /* a help only */ }
    if (seq !== lookupSeq) return;
    earlier.replaceChildren();
    earlier.hidden = r.requests.length === 0;
    if (earlier.hidden) return;
    const item = (x) => h('li', {}, h('a', { href: `#/request/${x.id}`, tabindex: '-1' }, x.tracking_no), ` ${x.applicant_name} · ${x.body_name} · ${x.received_on} · ${t(`status.${x.status}`)}`);
    const others = r.requests.filter((x) => x.other_name);
    if (r.names_differ)
      earlier.append(h('p', { class: 'warning', id: 'earlier-names', role: 'alert' }, t('intake.earlier_names', { names: [...new Set(others.map((x) => x.applicant_name))].join('、') })),
        h('ul', {}, ...others.map(item)));
    const month = r.requests.filter((x) => x.same_body_month);
    if (month.length > 0)
      earlier.append(h('p', { class: 'hint', id: 'earlier-month' }, t('intake.earlier_month', { n: month.length, next: month.length + 1 })), h('ul', {}, ...month.map(item)));
    const rest = r.requests.filter((x) => !x.other_name && !x.same_body_month);
    if (rest.length > 0)
      earlier.append(h('p', { class: 'hint', id: 'earlier-rest' }, t('intake.earlier_rest', { n: rest.length })), h('ul', {}, ...rest.map(item)));
  }

  el.id_number.addEventListener('input', () => { checkIdNow(false); keep(); });
  el.id_number.addEventListener('blur', () => { checkIdNow(true); lookup(); });
  el.name.addEventListener('blur', lookup);
  el.id_type.addEventListener('change', () => { checkIdNow(true); keep(); });
  el.kind.addEventListener('change', () => { idTypes(); checkIdNow(true); keep(); });
  el.phone.addEventListener('input', () => { checkContact(el.phone, F.phone, checkPhone, false); keep(); });
  el.phone.addEventListener('blur', () => checkContact(el.phone, F.phone, checkPhone, true));
  el.email.addEventListener('input', () => { checkContact(el.email, F.email, checkEmail, false); keep(); });
  el.email.addEventListener('blur', () => checkContact(el.email, F.email, checkEmail, true));
  el.channel.addEventListener('change', () => { channelChanged(); keep(); });
  el.received_on.addEventListener('input', () => { setFieldError(F.received_on, ''); preview(); keep(); });
  for (const k of ['name', 'address', 'postcode', 'description', 'purpose', 'submitted_on']) el[k].addEventListener('input', () => { setFieldError(F[k], ''); keep(); });
  for (const k of ['medium', 'delivery', 'body_id']) el[k].addEventListener('change', keep);
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showProblem(problem, '');
    clearErrors(form);
    // every error in one round: the identity and contact checks and the required fields together
    const ok = [checkIdNow(true), checkContact(el.phone, F.phone, checkPhone, true), checkContact(el.email, F.email, checkEmail, true)];
    for (const k of ['received_on', 'name', 'description'])
      if (!el[k].value.trim()) { setFieldError(F[k], t('err.required')); ok.push(false); }
    if (ok.includes(false)) { focusFirstError(form); return; }
    const applicant = { kind: el.kind.value, name: el.name.value.trim() };
    if (el.id_number.value.trim()) { applicant.id_type = el.id_type.value; applicant.id_number = el.id_number.value.trim(); }
    for (const k of ['phone', 'email', 'address', 'postcode']) if (el[k].value.trim()) applicant[k] = el[k].value.trim();
    const body = { body_id: Number(el.body_id.value), channel: el.channel.value, received_on: el.received_on.value, applicant, description: el.description.value.trim() };
    if (!F.submitted_on.hidden && el.submitted_on.value) body.submitted_on = el.submitted_on.value;
    if (el.purpose.value.trim()) body.purpose = el.purpose.value.trim();
    const formSel = {};
    if (el.medium.value) formSel.medium = el.medium.value;
    if (el.delivery.value) formSel.delivery = el.delivery.value;
    if (Object.keys(formSel).length) body.form = formSel;
    // one key per application: a retry after a lost answer gets the first answer
    if (!key) { key = crypto.randomUUID(); keep(); }
    save.disabled = true;
    try {
      const r = await api('POST', '/api/v1/requests', body, { 'Idempotency-Key': key });
      store.clear();
      go(`/receipt/${r.data.id}?new=1`);
    } catch (e) {
      // the key was used by an application that was saved although its
      // answer never arrived: say so rather than register it twice
      if (e.status === 422) { showProblem(problem, t('intake.already_saved')); problem.focus(); return; }
      const rest = showFieldErrors(form, e.problem);
      if (rest.length || !e.problem?.errors) {
        showProblem(problem, [e.text(), ...rest.map((x) => `${x.field}: ${lang === 'en' ? x.message_en : x.message_zh}`)].join(lang === 'en' ? '; ' : '；'));
        if (!focusFirstError(form)) problem.focus();
      }
    } finally { save.disabled = false; }
  });

  channelChanged();
  checkIdNow(false);
  preview();
  (bodies.length > 1 ? el.body_id : el.channel).focus();
}
