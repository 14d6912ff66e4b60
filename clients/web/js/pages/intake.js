// Intake: register an application.  Identity checked as you type (the API's
// rules), the channel explains which date is the receipt date, the due date
// is shown before saving, and a printable receipt (受理回执) follows.
import { api, get } from '../api.js';
import { h, clear, select } from '../dom.js';
import { t, lang } from '../i18n.js';
import { session, go } from '../app.js';
import { checkId } from '../validate.js';
import { field, showFieldErrors, today } from './common.js';

const KINDS = ['natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org', 'legal_service_org', 'other_org'];
const CHANNELS = ['in_person', 'oral', 'post_registered', 'post_ordinary', 'online', 'fax', 'email'];
const ID_TYPES = ['resident_id_card', 'uscc', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_resident', 'other'];
const DRAFT = 'ogi.intake.draft';

export async function render(main) {
  const clerkBodies = session.bodies;
  const el = {
    body: select('body_id', clerkBodies.map((b) => [String(b.id), b.name]), String(clerkBodies[0]?.id ?? '')),
    channel: select('channel', CHANNELS.map((c) => [c, t(`channel.${c}`)]), 'in_person'),
    received_on: h('input', { type: 'date', name: 'received_on', id: 'received_on', max: today(), value: today(), required: true }),
    kind: select('kind', KINDS.map((k) => [k, t(`kind.${k}`)]), 'natural_person', { 'data-field': 'applicant.kind' }),
    name: h('input', { name: 'name', id: 'name', 'data-field': 'applicant.name', required: true, autocomplete: 'off' }),
    id_type: select('id_type', [['', '—'], ...ID_TYPES.map((k) => [k, t(`idtype.${k}`)])], 'resident_id_card', { 'data-field': 'applicant.id_type' }),
    id_number: h('input', { name: 'id_number', id: 'id_number', 'data-field': 'applicant.id_number', autocomplete: 'off', spellcheck: 'false' }),
    phone: h('input', { name: 'phone', id: 'phone', 'data-field': 'applicant.phone', type: 'tel', autocomplete: 'off' }),
    email: h('input', { name: 'email', id: 'email', 'data-field': 'applicant.email', type: 'email', autocomplete: 'off' }),
    address: h('input', { name: 'address', id: 'address', 'data-field': 'applicant.address', autocomplete: 'off' }),
    description: h('textarea', { name: 'description', id: 'description', required: true }),
    medium: select('medium', [['', '—'], ...['paper', 'electronic', 'inspection'].map((m) => [m, t(`medium.${m}`)])], '', { 'data-field': 'form.medium' }),
    delivery: select('delivery', [['', '—'], ...['pickup', 'post', 'email', 'online'].map((m) => [m, t(`delivery.${m}`)])], '', { 'data-field': 'form.delivery' }),
  };
  el.body.id = 'body_id';
  const channelHint = h('div', { class: 'hint', id: 'channel-hint' });
  const idMsg = h('div', { class: 'error', id: 'id-check' });
  const due = h('div', { class: 'due-big', id: 'due-preview' }, '—');
  const dueNote = h('div', { class: 'hint', id: 'due-note' });
  const problem = h('div', { class: 'problem', hidden: true });
  const save = h('button', { class: 'primary', type: 'submit', id: 'intake-save' }, t('intake.save'));

  // nothing typed is lost: a draft survives errors and reloads
  const saved = JSON.parse(sessionStorage.getItem(DRAFT) || 'null');
  if (saved) for (const [k, v] of Object.entries(saved)) if (el[k]) el[k].value = v;
  const keep = () => sessionStorage.setItem(DRAFT, JSON.stringify(Object.fromEntries(Object.entries(el).map(([k, v]) => [k, v.value]))));

  const idField = h('div', { class: 'field' }, h('label', { for: 'id_number' }, t('intake.id_number')), el.id_number, idMsg);
  const form = h('form', { class: 'card', id: 'intake-form', novalidate: true },
    h('h1', {}, t('intake.title')),
    h('div', { class: 'grid' },
      field(t('intake.body'), el.body),
      h('div', { class: 'field' }, h('label', { for: 'channel' }, t('intake.channel')), el.channel, channelHint, h('div', { class: 'error' })),
      field(t('intake.received_on'), el.received_on),
      h('div', {}, h('label', {}, t('intake.due_preview')), due, dueNote)),
    h('h2', {}, t('receipt.applicant')),
    h('div', { class: 'grid' },
      field(t('intake.kind'), el.kind), field(t('intake.name'), el.name),
      field(t('intake.id_type'), el.id_type), idField,
      field(t('intake.phone'), el.phone), field(t('intake.email'), el.email), field(t('intake.address'), el.address)),
    h('h2', {}, t('intake.description')),
    field(t('intake.description'), el.description),
    h('div', { class: 'grid' }, field(t('intake.medium'), el.medium), field(t('intake.delivery'), el.delivery)),
    problem,
    h('div', { class: 'actions' }, save));
  main.append(form);

  function checkIdNow() {
    const r = checkId(el.id_type.value, el.id_number.value);
    idField.classList.toggle('invalid', r !== null && !r.ok);
    idField.classList.toggle('valid', r !== null && r.ok);
    idMsg.textContent = r === null ? '' : r.ok ? '' : (lang === 'en' ? r.en : r.zh);
    return r === null || r.ok;
  }
  async function preview() {
    channelHint.textContent = t(`channelhint.${el.channel.value}`);
    const d = el.received_on.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) { due.textContent = '—'; return; }
    const days = d < '2019-05-15' ? 15 : 20;
    try {
      const r = await get(`/api/v1/workdays/add?from=${d}&days=${days}`);
      due.textContent = r.date;
      dueNote.textContent = `${d} + ${days} ${lang === 'en' ? 'working days' : '个工作日'}${r.provisional ? ' · ' + t('request.provisional') : ''}`;
    } catch { due.textContent = '—'; }
  }
  el.id_number.addEventListener('input', () => { checkIdNow(); keep(); });
  el.id_type.addEventListener('change', () => { checkIdNow(); keep(); });
  el.kind.addEventListener('change', () => {
    if (el.kind.value !== 'natural_person' && el.id_type.value === 'resident_id_card') el.id_type.value = 'uscc';
    if (el.kind.value === 'natural_person' && el.id_type.value === 'uscc') el.id_type.value = 'resident_id_card';
    checkIdNow(); keep();
  });
  for (const k of ['channel', 'received_on']) el[k].addEventListener('change', () => { preview(); keep(); });
  for (const k of ['name', 'phone', 'email', 'address', 'description', 'medium', 'delivery', 'body']) el[k].addEventListener('input', keep);
  form.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); } });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    problem.hidden = true;
    if (!checkIdNow()) { el.id_number.focus(); return; }
    const applicant = { kind: el.kind.value, name: el.name.value.trim() };
    if (el.id_number.value.trim()) { applicant.id_type = el.id_type.value || 'other'; applicant.id_number = el.id_number.value.trim(); }
    for (const k of ['phone', 'email', 'address']) if (el[k].value.trim()) applicant[k] = el[k].value.trim();
    const body = { body_id: Number(el.body.value), channel: el.channel.value, received_on: el.received_on.value, applicant, description: el.description.value.trim() };
    const formSel = {};
    if (el.medium.value) formSel.medium = el.medium.value;
    if (el.delivery.value) formSel.delivery = el.delivery.value;
    if (Object.keys(formSel).length) body.form = formSel;
    save.disabled = true;
    if (!form.dataset.key) form.dataset.key = crypto.randomUUID();
    try {
      const r = await api('POST', '/api/v1/requests', body, { 'Idempotency-Key': form.dataset.key });
      sessionStorage.removeItem(DRAFT);
      receipt(main, r.data);
    } catch (e) {
      const rest = showFieldErrors(form, e.problem);
      if (rest.length || !e.problem?.errors) {
        problem.textContent = [e.problem?.title || t('err.network'), ...rest.map((x) => `${x.field}: ${x.message}`)].join('；');
        problem.hidden = false;
      }
    } finally { save.disabled = false; }
  });
  checkIdNow();
  preview();
  el.name.focus();
}

function receipt(main, r) {
  clear(main);
  const rows = [[t('receipt.no'), r.tracking_no], [t('receipt.body'), r.body_name], [t('receipt.applicant'), r.applicant.name],
    [t('receipt.received'), r.received_on], [t('receipt.due'), r.due_on], [t('receipt.content'), r.description]];
  main.append(
    h('div', { class: 'actions no-print' },
      h('span', { class: 'tag later', id: 'saved-tag' }, t('intake.saved')),
      h('button', { class: 'primary', id: 'print-receipt', onclick: () => window.print() }, t('intake.print')),
      h('button', { id: 'intake-another', onclick: () => go('/intake') }, t('intake.another')),
      h('a', { class: 'button', href: `#/request/${r.id}` }, t('request.title'))),
    h('div', { class: 'receipt', id: 'receipt' },
      h('h1', {}, t('receipt.title')),
      h('table', {}, rows.map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', { 'data-k': k }, v ?? '—')))),
      h('p', {}, t('receipt.note')),
      h('p', {}, `${r.body_name}　　${t('receipt.date')}：${r.received_on}`)));
  document.getElementById('print-receipt').focus();
}
