// The public /apply/ pages (issue 15): an application under art. 29 of the
// OGI Regulation made online, the proof of work that stands in for a captcha,
// the e-receipt with the application number and the 查询码 (shown once), and
// the status lookup.  No login, nothing from another host; every text is set
// as text (Trusted Types: no markup from strings).  Chinese, English switch.
import { h, clear } from '../js/dom.js';
import { checkId, checkPhone, checkEmail } from '../js/validate.js';
import { solve } from './sha256.js';

const T = {
  zh: {
    brand: '政府信息公开网上申请', lang: 'English', tab_form: '提交申请', tab_status: '查询进度', loading: '正在加载…',
    form_title: '政府信息公开申请', intro: '依据《中华人民共和国政府信息公开条例》第二十九条，请如实填写以下内容。带 * 的为必填项。',
    body: '向哪个机关申请', choose: '请选择', no_bodies: '目前没有机关接受网上申请，请到机关窗口或邮寄提交。',
    applicant: '申请人信息', type: '申请人类型', citizen: '公民', org: '法人或其他组织', org_kind: '组织类别',
    k_commercial_enterprise: '商业企业', k_research_institution: '科研机构', k_social_welfare_org: '社会公益组织',
    k_legal_service_org: '法律服务机构', k_other_org: '其他组织',
    name: '姓名', org_name: '名称', id_type: '证件类型', id_number: '证件号码', uscc: '统一社会信用代码',
    id_copy: '身份证明复印件（可选）', id_copy_hint: '可上传 1 个 JPEG、PNG 图片或 PDF 文件，不超过 1 MB。',
    id_copy_bad: '只能上传 JPEG、PNG 图片或 PDF 文件', id_copy_big: '文件超过 1 MB，请压缩后再上传',
    id_copy_sent: '身份证明复印件已随申请提交。', id_copy_failed: '身份证明复印件未能上传：{msg}。申请本身已经提交，可在机关确认前补交纸质复印件。',
    t_resident_id_card: '居民身份证', t_passport: '护照', t_hk_macao_permit: '港澳居民来往内地通行证',
    t_taiwan_permit: '台湾居民来往大陆通行证', t_foreign_permanent_resident: '外国人永久居留身份证',
    phone: '联系电话', email: '电子邮箱', address: '通信地址', postcode: '邮政编码', contact: '联系人',
    info: '所需政府信息', info_title: '信息名称', info_ref: '文号或索引号', description: '所需信息的内容描述',
    one_matter: '一事一申请：一份申请请只写一项政府信息，便于及时答复。',
    form_wanted: '获取信息的方式', medium: '提供形式', m_paper: '纸质', m_electronic: '电子文档', m_inspection: '当场查阅',
    delivery: '获取方式', d_pickup: '自行领取', d_post: '邮寄', d_email: '电子邮件', d_online: '网上获取',
    declaration: '本人承诺所填信息真实有效，并知悉提交后须经机关确认才算收到申请。', declare: '声明',
    submit: '提交申请', working: '正在进行安全验证，请稍候……（已计算 {n} 次）', sending: '正在提交……',
    required: '请填写此项', fix: '请按提示修改后再提交。', failed: '提交未成功：{msg}', network: '网络连接失败，请稍后再试。',
    receipt: '网上申请回执', receipt_intro: '您的申请已提交，机关确认后即为收到申请，答复期限自确认之日起计算。',
    number: '申请编号', code: '查询码', code_once: '查询码只显示这一次，请抄下或打印本页。凭申请编号和查询码可以查询办理进度。',
    submitted_at: '提交时间', status: '当前状态', print: '打印回执', to_status: '查询进度', again: '再提交一份申请',
    status_title: '查询申请进度', lookup: '查询', not_found: '申请编号或查询码不正确。连续输错 10 次须等待一小时。',
    tracking_no: '受理编号', received_on: '收到申请日期', due_on: '答复期限', closed_on: '办结日期', outcome: '答复结果',
    reason: '不予受理的理由', correction: '需要补正的内容', correction_due: '补正期限', fee: '应缴费用', pay_by: '缴费期限',
    yuan: '{n} 元', too_many: '操作过于频繁，请 {n} 秒后再试。', body_name: '申请机关',
    letters: '可下载的文书', letters_hint: '您选择了网上送达：下载文书之日即为送达之日。', download: '下载',
    download_failed: '下载未成功，请稍后再试。',
    answer_files: '补正材料（可选）', answer_files_hint: '最多 3 个 JPEG、PNG 图片或 PDF 文件，每个不超过 1 MB。',
    answer_files_many: '最多上传 3 个文件', answer_files_failed: '补正说明已提交，但材料“{name}”未能上传：{msg}。可在机关确认前补交纸质材料。',
    answer_title: '网上补正', answer_intro: '请按上面“需要补正的内容”在这里写明补正的内容，提交后由机关工作人员确认。机关确认收到补正后，答复期限自收到补正之日起重新计算。',
    answer_label: '补正内容', answer_send: '提交补正', answer_sending: '正在提交……',
    answer_pending: '您已于 {date} 在网上提交补正，正在等待工作人员确认。',
    answer_confirmed: '机关已确认收到您于 {date} 提交的补正。',
    answer_rejected: '您于 {date} 提交的补正已被退回，理由：', answer_again: '请按要求重新补正。',
    answer_sent: '补正已提交，请等待工作人员确认。', answer_empty: '请填写补正的内容',
    answer_too_long: '补正内容不能超过 5000 字', answer_failed: '补正未能提交：{msg}',
    sent_title: '您在网上提交的补正', sent_at: '{date} 提交', sent_no_files: '未附材料',
    sent_pending: '等待工作人员确认', sent_confirmed: '机关已确认收到', sent_rejected: '已退回',
    files_pending: '所附材料（待确认）：', files_confirmed: '所附材料（已收入案卷）：', files_rejected: '所附材料（已随补正退回，不再保留）：',
    bytes: '{n} 字节', kib: '{n} KB', sent_file: '（{size}，{at}上传）',
  },
  en: {
    brand: 'Online application for government information', lang: '中文', tab_form: 'Apply', tab_status: 'Check status', loading: 'Loading…',
    form_title: 'Application for government information', intro: 'Under art. 29 of the OGI Regulation. Fields marked * are required.',
    body: 'Body applied to', choose: 'Choose', no_bodies: 'No body takes online applications at present: apply at its counter or by post.',
    applicant: 'Applicant', type: 'Applicant type', citizen: 'Citizen', org: 'Legal person or other organisation', org_kind: 'Kind of organisation',
    k_commercial_enterprise: 'Commercial enterprise', k_research_institution: 'Research institution', k_social_welfare_org: 'Social welfare organisation',
    k_legal_service_org: 'Legal service organisation', k_other_org: 'Other organisation',
    name: 'Name', org_name: 'Name of the organisation', id_type: 'Identity document', id_number: 'Document number', uscc: 'Unified social credit code',
    id_copy: 'Copy of the identity document (optional)', id_copy_hint: 'One JPEG or PNG image or PDF file, at most 1 MB.',
    id_copy_bad: 'Only a JPEG or PNG image or a PDF file can be uploaded', id_copy_big: 'The file is larger than 1 MB: make it smaller and try again',
    id_copy_sent: 'The copy of the identity document was sent with the application.', id_copy_failed: 'The copy of the identity document could not be uploaded: {msg}. The application itself was submitted; a paper copy can be given before the body confirms it.',
    t_resident_id_card: 'Resident identity card', t_passport: 'Passport', t_hk_macao_permit: 'Hong Kong / Macao permit',
    t_taiwan_permit: 'Taiwan permit', t_foreign_permanent_resident: 'Foreign permanent resident ID',
    phone: 'Phone', email: 'E-mail', address: 'Postal address', postcode: 'Postcode', contact: 'Contact person',
    info: 'Information sought', info_title: 'Name of the information', info_ref: 'Document or index number', description: 'Description of the information',
    one_matter: 'One matter per application, so that it can be answered promptly.',
    form_wanted: 'How you want it', medium: 'Form', m_paper: 'Paper', m_electronic: 'Electronic', m_inspection: 'Inspection on site',
    delivery: 'Delivery', d_pickup: 'Pick up', d_post: 'Post', d_email: 'E-mail', d_online: 'Online',
    declaration: 'I declare that these details are true, and I understand the application counts as received once the body confirms it.', declare: 'Declaration',
    submit: 'Submit', working: 'Running the security check… ({n} tried)', sending: 'Submitting…',
    required: 'Please fill this in', fix: 'Please correct the marked fields.', failed: 'Not submitted: {msg}', network: 'Network error, try again later.',
    receipt: 'Receipt of online application', receipt_intro: 'Your application was submitted. It counts as received once the body confirms it; the time to answer runs from that day.',
    number: 'Application number', code: 'Lookup code', code_once: 'The lookup code is shown only this once: write it down or print this page. The number and the code show how the application stands.',
    submitted_at: 'Submitted at', status: 'Status', print: 'Print receipt', to_status: 'Check status', again: 'Submit another application',
    status_title: 'How the application stands', lookup: 'Look up', not_found: 'No application with this number and code. After 10 wrong codes, wait an hour.',
    tracking_no: 'Registration number', received_on: 'Received on', due_on: 'Reply due by', closed_on: 'Closed on', outcome: 'Outcome',
    reason: 'Reason it was not accepted', correction: 'What to correct', correction_due: 'Correct by', fee: 'Fee', pay_by: 'Pay by',
    yuan: '{n} yuan', too_many: 'Too many attempts: try again in {n} s.', body_name: 'Body',
    letters: 'Letters to download', letters_hint: 'You chose online delivery: a letter is served on the day you download it.',
    download: 'Download', download_failed: 'The download failed, try again later.',
    answer_files: 'Supporting files (optional)', answer_files_hint: 'Up to 3 JPEG or PNG images or PDF files, at most 1 MB each.',
    answer_files_many: 'At most 3 files', answer_files_failed: 'The correction was sent, but the file "{name}" could not be uploaded: {msg}. A paper copy can be given before the body confirms it.',
    answer_title: 'Correct your application online', answer_intro: 'Write here what the body asked you to correct (see "What to correct" above). Staff confirm it; once they have, the time to answer runs anew from the day the correction was received.',
    answer_label: 'Your correction', answer_send: 'Send the correction', answer_sending: 'Sending…',
    answer_pending: 'You sent a correction online on {date}; it waits for staff to confirm it.',
    answer_confirmed: 'The body confirmed the correction you sent on {date}.',
    answer_rejected: 'The correction you sent on {date} was returned. Reason:', answer_again: 'Please correct the application again as asked.',
    answer_sent: 'Correction sent: it waits for staff to confirm it.', answer_empty: 'Write what you correct',
    answer_too_long: 'At most 5000 characters', answer_failed: 'The correction was not sent: {msg}',
    sent_title: 'Corrections you sent online', sent_at: 'sent {date}', sent_no_files: 'No files sent with it',
    sent_pending: 'Waiting for staff to confirm it', sent_confirmed: 'Confirmed by the body', sent_rejected: 'Returned',
    files_pending: 'Files sent with it (waiting):', files_confirmed: 'Files sent with it (in the case file):', files_rejected: 'Files sent with it (returned with it, not kept):',
    bytes: '{n} bytes', kib: '{n} KB', sent_file: ' ({size}, uploaded {at})',
  },
};
let lang = localStorage.getItem('ogi-apply-lang') === 'en' ? 'en' : 'zh';
const t = (k, vars = {}) => (T[lang][k] ?? T.zh[k] ?? k).replace(/\{(\w+)\}/g, (_, v) => vars[v] ?? '');
const main = document.getElementById('main');
let state = { view: location.pathname.endsWith('/status') ? 'status' : 'form', draft: {}, receipt: null, bodies: null };

async function api(method, path, body) {
  const r = await fetch(path, {
    method, credentials: 'omit',
    headers: { 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  let json = null;
  try { json = await r.json(); } catch { json = null; }
  return { status: r.status, json, retryAfter: r.headers.get('Retry-After') };
}

const today = () => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; };

function field(name, label, input, { required = false, hint = null } = {}) {
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: `f-${name}`, class: required ? 'req' : null }, label), input,
    hint ? h('p', { class: 'hint' }, hint) : null, h('p', { class: 'error', role: 'alert' }));
}
function text(name, type = 'text', attrs = {}) {
  return h('input', { id: `f-${name}`, name, type, value: state.draft[name] ?? '', autocomplete: 'off', ...attrs,
    oninput: (e) => { state.draft[name] = e.target.value; } });
}
function radios(name, options, value, onchange) {
  return h('div', { class: 'choice', role: 'radiogroup', id: `f-${name}` }, options.map(([v, label]) =>
    h('label', {}, h('input', { type: 'radio', name, value: v, checked: v === value,
      onchange: () => { state.draft[name] = v; if (onchange) onchange(v); } }), label)));
}
function selectOf(name, options, value) {
  const s = h('select', { id: `f-${name}`, name, onchange: (e) => { state.draft[name] = e.target.value; } },
    options.map(([v, label]) => h('option', { value: v }, label)));
  s.value = value;
  return s;
}
function setError(name, msg) {
  const f = main.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!f) return false;
  f.classList.toggle('bad', !!msg);
  f.querySelector('.error').textContent = msg || '';
  return true;
}

function checkIdField() {
  const d = state.draft, type = d.org === 'yes' ? 'uscc' : (d.id_type || 'resident_id_card');
  const v = (d.id_number || '').trim();
  const why = v ? checkId(type, v, today()) : null;
  setError('applicant.id_number', why ? why[lang] : '');
  return !why;
}

async function renderForm() {
  if (state.bodies === null) {
    const r = await api('GET', '/api/v1/public/bodies');
    state.bodies = r.status === 200 ? r.json.items : [];
  }
  const d = state.draft;
  d.org ??= 'no'; d.kind ??= 'commercial_enterprise'; d.id_type ??= 'resident_id_card';
  d.medium ??= 'electronic'; d.delivery ??= 'online';
  if (d.body_id === undefined && state.bodies.length === 1) d.body_id = String(state.bodies[0].id);
  if (state.bodies.length === 0) {
    main.append(h('h1', {}, t('form_title')), h('p', { class: 'notice' }, t('no_bodies')));
    return;
  }
  const isOrg = d.org === 'yes';
  const idInput = text('id_number', 'text', { autocapitalize: 'characters', spellcheck: 'false' });
  idInput.addEventListener('input', checkIdField);
  idInput.addEventListener('blur', checkIdField);
  const phone = text('phone', 'tel', { inputmode: 'tel' });
  phone.addEventListener('blur', () => { const w = d.phone ? checkPhone(d.phone) : null; setError('applicant.phone', w ? w[lang] : ''); });
  const email = text('email', 'email', { inputmode: 'email' });
  email.addEventListener('blur', () => { const w = d.email ? checkEmail(d.email) : null; setError('applicant.email', w ? w[lang] : ''); });
  const decl = h('input', { type: 'checkbox', id: 'f-declaration', checked: !!d.declaration,
    onchange: (e) => { d.declaration = e.target.checked; } });
  const rerender = () => render();
  const status = h('p', { class: 'hint', id: 'progress', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'submit' }, t('submit'));
  const form = h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); send(submit, status); } },
    h('h1', {}, t('form_title')), h('p', { class: 'hint' }, t('intro')),
    h('fieldset', {}, h('legend', {}, t('body')),
      field('body_id', t('body'), selectOf('body_id', [['', t('choose')], ...state.bodies.map((b) => [String(b.id), b.name])], d.body_id ?? ''), { required: true })),
    h('fieldset', {}, h('legend', {}, t('applicant')),
      h('div', { class: 'field', 'data-field': 'applicant.kind' }, h('span', { class: 'label req' }, t('type')),
        radios('org', [['no', t('citizen')], ['yes', t('org')]], d.org, rerender), h('p', { class: 'error' })),
      isOrg ? field('kind', t('org_kind'), selectOf('kind', ['commercial_enterprise', 'research_institution', 'social_welfare_org',
        'legal_service_org', 'other_org'].map((k) => [k, t(`k_${k}`)]), d.kind), { required: true }) : null,
      field('applicant.name', isOrg ? t('org_name') : t('name'), text('name'), { required: true }),
      isOrg ? null : field('applicant.id_type', t('id_type'), selectOf('id_type', ['resident_id_card', 'passport', 'hk_macao_permit',
        'taiwan_permit', 'foreign_permanent_resident'].map((k) => [k, t(`t_${k}`)]), d.id_type), { required: true }),
      field('applicant.id_number', isOrg ? t('uscc') : t('id_number'), idInput, { required: true }),
      field('file', t('id_copy'), h('input', { id: 'f-file', type: 'file', accept: 'image/jpeg,image/png,application/pdf',
        onchange: (e) => { state.file = e.target.files[0] || null; } }), { hint: t('id_copy_hint') }),
      isOrg ? field('applicant.contact', t('contact'), text('contact')) : null,
      field('applicant.phone', t('phone'), phone, { required: true }),
      field('applicant.email', t('email'), email),
      field('applicant.address', t('address'), text('address')),
      field('applicant.postcode', t('postcode'), text('postcode', 'text', { inputmode: 'numeric', maxlength: 6 }))),
    h('fieldset', {}, h('legend', {}, t('info')),
      h('p', { class: 'notice' }, t('one_matter')),
      field('information.title', t('info_title'), text('title')),
      field('information.ref', t('info_ref'), text('ref')),
      field('information.description', t('description'), h('textarea', { id: 'f-description', name: 'description',
        oninput: (e) => { d.description = e.target.value; } }, d.description ?? ''), { required: true })),
    h('fieldset', {}, h('legend', {}, t('form_wanted')),
      h('div', { class: 'field', 'data-field': 'form.medium' }, h('span', { class: 'label' }, t('medium')),
        radios('medium', ['paper', 'electronic', 'inspection'].map((m) => [m, t(`m_${m}`)]), d.medium), h('p', { class: 'error' })),
      h('div', { class: 'field', 'data-field': 'form.delivery' }, h('span', { class: 'label' }, t('delivery')),
        radios('delivery', ['pickup', 'post', 'email', 'online'].map((m) => [m, t(`d_${m}`)]), d.delivery), h('p', { class: 'error' }))),
    h('fieldset', {}, h('legend', {}, t('declare')),
      h('div', { class: 'field', 'data-field': 'declaration' },
        h('div', { class: 'choice' }, h('label', { for: 'f-declaration' }, decl, t('declaration'))), h('p', { class: 'error' }))),
    h('div', { id: 'form-problem' }), submit, status);
  main.append(form);
}

function body() {
  const d = state.draft, isOrg = d.org === 'yes';
  const opt = (v) => (v && v.trim() ? v.trim() : undefined);
  const a = { kind: isOrg ? d.kind : 'natural_person', name: (d.name || '').trim(), id_type: isOrg ? 'uscc' : d.id_type,
    id_number: (d.id_number || '').trim(), phone: (d.phone || '').trim() };
  for (const k of ['email', 'address', 'postcode']) if (opt(d[k])) a[k] = opt(d[k]);
  if (isOrg && opt(d.contact)) a.contact = opt(d.contact);
  const info = { description: d.description || '' };
  if (opt(d.title)) info.title = opt(d.title);
  if (opt(d.ref)) info.ref = opt(d.ref);
  return { body_id: Number(d.body_id) || 0, applicant: a, information: info,
    form: { medium: d.medium, delivery: d.delivery }, declaration: !!d.declaration };
}

// The checks the browser can make before anything is sent: the server makes them again.
function precheck(b) {
  let ok = true;
  const bad = (f, msg) => { setError(f, msg); ok = false; };
  main.querySelectorAll('.field').forEach((f) => { f.classList.remove('bad'); f.querySelector('.error').textContent = ''; });
  if (!b.body_id) bad('body_id', t('required'));
  if (!b.applicant.name) bad('applicant.name', t('required'));
  if (!b.applicant.id_number) bad('applicant.id_number', t('required'));
  else if (!checkIdField()) ok = false;
  if (!b.applicant.phone) bad('applicant.phone', t('required'));
  else { const w = checkPhone(b.applicant.phone); if (w) bad('applicant.phone', w[lang]); }
  if (b.applicant.email) { const w = checkEmail(b.applicant.email); if (w) bad('applicant.email', w[lang]); }
  if (!b.information.description.trim()) bad('information.description', t('required'));
  if (!b.declaration) bad('declaration', t('required'));
  const f = state.file;
  if (f && !['image/jpeg', 'image/png', 'application/pdf'].includes(f.type)) bad('file', t('id_copy_bad'));
  else if (f && f.size > 1024 * 1024) bad('file', t('id_copy_big'));
  return ok;
}

function showProblem(p, retryAfter) {
  const box = document.getElementById('form-problem');
  let shown = false;
  for (const e of (p && p.errors) || []) shown = setError(e.field, lang === 'en' ? e.message_en : e.message_zh) || shown;
  const msg = p && p.status === 429 ? t('too_many', { n: retryAfter || '' })
    : shown ? t('fix') : t('failed', { msg: p ? (lang === 'en' ? p.title_en : p.title_zh) : t('network') });
  box.replaceChildren(h('p', { class: 'problem', role: 'alert' }, msg));
  const first = main.querySelector('.field.bad input, .field.bad select, .field.bad textarea');
  if (first) first.focus();
}

async function send(button, status) {
  const b = body();
  if (!precheck(b)) { document.getElementById('form-problem').replaceChildren(h('p', { class: 'problem', role: 'alert' }, t('fix'))); return; }
  button.disabled = true;
  try {
    const ch = await api('GET', '/api/v1/public/challenge');
    if (ch.status !== 200) { showProblem(ch.json, ch.retryAfter); return; }
    const nonce = await solve(ch.json.challenge, ch.json.bits, (n) => { status.textContent = t('working', { n }); });
    status.textContent = t('sending');
    const r = await api('POST', '/api/v1/public/applications', { ...b, pow: { challenge: ch.json.challenge, nonce } });
    if (r.status === 201) {
      state.receipt = r.json;
      if (state.file) state.receipt.file = await upload(r.json, state.file);
      state.file = null;
      state.draft = {};
      state.view = 'receipt';
      history.pushState(null, '', '/apply/receipt');
      render();
      return;
    }
    showProblem(r.json, r.retryAfter);
  } catch {
    showProblem(null);
  } finally {
    button.disabled = false;
    status.textContent = '';
  }
}

// The identity copy, sent with the number and code of the application just submitted: null when
// it went, else the reason in the page's language.
async function upload(receipt, file, purpose) {
  try {
    const q = new URLSearchParams({ number: receipt.number, name: file.name || 'id' });
    if (purpose) q.set('for', purpose);
    const r = await fetch(`/api/v1/public/files?${q}`, {
      method: 'POST', credentials: 'omit', body: file,
      headers: { 'Content-Type': file.type, 'X-Query-Code': receipt.code, 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' },
    });
    if (r.status === 201) return { ok: true };
    let p = null;
    try { p = await r.json(); } catch { p = null; }
    const e = p && p.errors && p.errors[0];
    return { ok: false, msg: e ? (lang === 'en' ? e.message_en : e.message_zh) : p ? (lang === 'en' ? p.title_en : p.title_zh) : t('network') };
  } catch {
    return { ok: false, msg: t('network') };
  }
}

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v, cls]) => [h('dt', {}, t(k)), h('dd', { class: cls || null, id: `v-${k}` }, v)]));
}
const when = (rfc) => { const d = new Date(rfc); return isNaN(d) ? rfc : d.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }); };
const statusLabel = (s) => (lang === 'en' ? s.label_en : s.label_zh);

function renderReceipt() {
  const r = state.receipt;
  if (!r) { state.view = 'form'; render(); return; }
  main.append(h('h1', {}, t('receipt')), h('p', {}, t('receipt_intro')),
    facts([['body_name', r.body_name], ['number', r.number, 'code'], ['code', r.code, 'code'],
      ['submitted_at', when(r.submitted_at)], ['status', statusLabel(r.status), 'status']]),
    h('p', { class: 'notice' }, t('code_once')),
    r.file ? h('p', { class: r.file.ok ? 'hint' : 'problem', id: 'file-result' },
      r.file.ok ? t('id_copy_sent') : t('id_copy_failed', { msg: r.file.msg })) : null,
    h('div', { class: 'noprint' },
      h('button', { type: 'button', class: 'secondary', id: 'print', onclick: () => window.print() }, t('print')),
      h('button', { type: 'button', class: 'secondary', id: 'to-status', onclick: () => {
        state.lookup = { number: r.number, code: r.code }; go('status'); } }, t('to_status')),
      h('button', { type: 'button', class: 'secondary', onclick: () => go('form') }, t('again'))));
}

function renderStatus() {
  const l = state.lookup || (state.lookup = { number: '', code: '' });
  const number = h('input', { id: 'f-number', type: 'text', value: l.number, autocapitalize: 'characters', spellcheck: 'false',
    oninput: (e) => { l.number = e.target.value; } });
  const code = h('input', { id: 'f-code', type: 'text', value: l.code, autocapitalize: 'characters', spellcheck: 'false',
    oninput: (e) => { l.code = e.target.value; } });
  const out = h('div', { id: 'status-result', 'aria-live': 'polite' });
  const form = h('form', { novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const r = await api('POST', '/api/v1/public/status', { number: l.number.trim().toUpperCase(), code: l.code.trim().toUpperCase() })
      .catch(() => null);
    if (!r) { out.replaceChildren(h('p', { class: 'problem' }, t('network'))); return; }
    if (r.status === 429) { out.replaceChildren(h('p', { class: 'problem' }, t('too_many', { n: r.retryAfter || '' }))); return; }
    if (r.status !== 200) { out.replaceChildren(h('p', { class: 'problem', role: 'alert' }, t('not_found'))); return; }
    const s = r.json;
    out.replaceChildren(facts([
      ['body_name', s.body_name], ['number', s.number], ['status', statusLabel(s.status), 'status'],
      ['submitted_at', when(s.submitted_at)], ['tracking_no', s.tracking_no], ['received_on', s.received_on],
      ['due_on', s.due_on], ['reason', s.decline_reason],
      ['correction', s.correction && s.correction.items], ['correction_due', s.correction && s.correction.due_on],
      ['fee', s.fee && s.fee.amount !== null && s.fee.amount !== undefined ? t('yuan', { n: s.fee.amount }) : null],
      ['pay_by', s.fee && s.fee.pay_by], ['outcome', s.outcome], ['closed_on', s.closed_on]]));
    const answer = correctionAnswer(s, l, () => form.requestSubmit());
    if (answer) out.append(answer);
    if (s.correction_answers && s.correction_answers.length) out.append(answersSent(s.correction_answers));
    if (s.letters && s.letters.length) out.append(lettersList(s, l));
  } },
  h('h1', {}, t('status_title')),
  field('number', t('number'), number, { required: true }), field('code', t('code'), code, { required: true }),
  h('button', { type: 'submit', class: 'primary', id: 'lookup' }, t('lookup')), out);
  main.append(form);
  if (l.number && l.code) form.requestSubmit();
}

// Online 补正: while a correction is asked, a box for the answer; what became of the last answer
// (waiting for staff, confirmed, or returned with the reason, which is shown as text).
function correctionAnswer(s, l, reload) {
  const a = s.correction_answer;
  // asked while the period runs (the server decides; past the period the box is not offered)
  const due = s.correction && s.correction.due_on;
  const asked = s.status && s.status.code === 'correction' && !(due && today() > due);
  if (!a && !asked) return null;
  const box = h('section', { id: 'correction-answer' }, h('h2', {}, t('answer_title')));
  if (a && a.state === 'pending') {
    box.append(h('p', { class: 'notice', id: 'answer-state' }, t('answer_pending', { date: a.received_on })));
    return box;
  }
  if (a && a.state === 'confirmed') box.append(h('p', { class: 'hint', id: 'answer-state' }, t('answer_confirmed', { date: a.received_on })));
  if (a && a.state === 'rejected')
    box.append(h('div', { class: 'problem', id: 'answer-state' }, h('p', {}, t('answer_rejected', { date: a.received_on })),
      h('p', { id: 'answer-reason' }, a.reject_reason || ''), asked ? h('p', {}, t('answer_again')) : null));
  if (!asked) return box;
  const area = h('textarea', { id: 'f-answer', maxlength: 5000 });
  const note = h('p', { class: 'error', role: 'alert', id: 'answer-error' });
  const files = h('input', { id: 'f-answer-files', type: 'file', multiple: true, accept: 'image/jpeg,image/png,application/pdf' });
  const send = h('button', { type: 'button', class: 'primary', id: 'answer-send' }, t('answer_send'));
  send.addEventListener('click', async () => {
    const text = area.value;
    note.textContent = '';
    if (!text.trim()) { note.textContent = t('answer_empty'); area.focus(); return; }
    if ([...text].length > 5000) { note.textContent = t('answer_too_long'); area.focus(); return; }
    const chosen = [...files.files];
    if (chosen.length > 3) { note.textContent = t('answer_files_many'); files.focus(); return; }
    if (chosen.some((f) => !['image/jpeg', 'image/png', 'application/pdf'].includes(f.type))) { note.textContent = t('id_copy_bad'); files.focus(); return; }
    if (chosen.some((f) => f.size > 1024 * 1024)) { note.textContent = t('id_copy_big'); files.focus(); return; }
    send.disabled = true;
    send.textContent = t('answer_sending');
    const r = await api('POST', '/api/v1/public/correction', { number: s.number, code: l.code.trim().toUpperCase(), text })
      .catch(() => null);
    if (r && r.status === 201) {
      // the files go with the answer just sent; a failed one is said, the answer stands
      const code = l.code.trim().toUpperCase();
      for (const f of chosen) {
        const u = await upload({ number: s.number, code }, f, 'correction');
        if (!u.ok) {
          note.textContent = t('answer_files_failed', { name: f.name, msg: u.msg });
          area.readOnly = true;
          files.disabled = true;
          send.textContent = t('answer_sent');
          return;
        }
      }
      reload();
      return;
    }
    send.disabled = false;
    send.textContent = t('answer_send');
    const p = r && r.json;
    note.textContent = !r ? t('network') : r.status === 429 ? t('too_many', { n: r.retryAfter || '' })
      : t('answer_failed', { msg: p ? (lang === 'en' ? p.title_en : p.title_zh) : t('network') });
  });
  box.append(h('p', { class: 'hint' }, t('answer_intro')),
    h('div', { class: 'field', 'data-field': 'text' }, h('label', { for: 'f-answer', class: 'req' }, t('answer_label')), area, note),
    h('div', { class: 'field', 'data-field': 'file' }, h('label', { for: 'f-answer-files' }, t('answer_files')), files,
      h('p', { class: 'hint' }, t('answer_files_hint'))),
    send);
  return box;
}

// Every correction the applicant sent online, with the files sent with it (names and sizes, as
// text) and what became of it: waiting, confirmed into the case file, or returned.
const size = (n) => (n < 1024 ? t('bytes', { n }) : t('kib', { n: (n / 1024).toFixed(1) }));
function answersSent(answers) {
  return h('section', { id: 'answers-sent' }, h('h2', {}, t('sent_title')),
    h('ol', { class: 'answers-sent' }, answers.map((a) => h('li', { class: 'sent', 'data-state': a.state },
      h('p', { class: 'sent-when' }, t('sent_at', { date: when(a.received_at) })),
      h('p', { class: 'sent-state' }, t(`sent_${a.state}`)),
      a.files.length
        ? [h('p', { class: 'hint' }, t(`files_${a.state}`)),
          h('ul', { class: 'sent-files' }, a.files.map((f) => h('li', { class: 'sent-file' },
            h('span', { class: 'file-name' }, f.name), t('sent_file', { size: size(f.size), at: when(f.received_at) }))))]
        : h('p', { class: 'hint' }, t('sent_no_files'))))));
}

// The issued letters of an application with online delivery: each downloaded with the number
// and the code (never in a URL); the first download is the letter's service.
function lettersList(s, l) {
  const note = h('p', { class: 'hint', 'aria-live': 'polite' });
  const download = async (letter) => {
    note.textContent = '';
    const r = await fetch('/api/v1/public/letter', {
      method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ number: s.number, code: l.code.trim().toUpperCase(), letter_id: letter.id }),
    }).catch(() => null);
    if (!r || r.status !== 200) {
      note.textContent = r && r.status === 429 ? t('too_many', { n: r.headers.get('Retry-After') || '' }) : t('download_failed');
      return;
    }
    const url = URL.createObjectURL(await r.blob());
    const a = h('a', { href: url, download: `${letter.ref || letter.title}.pdf` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };
  return h('section', { id: 'letters' }, h('h2', {}, t('letters')), h('p', { class: 'hint' }, t('letters_hint')),
    h('ul', { class: 'letters' }, s.letters.map((x) => h('li', {},
      h('span', {}, `${x.title}（${x.ref}）`), ' ',
      h('button', { type: 'button', class: 'secondary', id: `letter-${x.id}`, onclick: () => download(x) }, t('download'))))),
    note);
}

function go(view) {
  state.view = view;
  history.pushState(null, '', view === 'status' ? '/apply/status' : '/apply/');
  render();
}

function render() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.title = t('brand');
  document.getElementById('brand').textContent = t('brand');
  document.getElementById('lang').textContent = t('lang');
  const tf = document.getElementById('tab-form'), ts = document.getElementById('tab-status');
  tf.textContent = t('tab_form');
  ts.textContent = t('tab_status');
  tf.classList.toggle('on', state.view !== 'status');
  ts.classList.toggle('on', state.view === 'status');
  clear(main);
  if (state.view === 'status') renderStatus();
  else if (state.view === 'receipt') renderReceipt();
  else renderForm();
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'en' ? 'zh' : 'en';
  localStorage.setItem('ogi-apply-lang', lang);
  render();
});
document.getElementById('tab-form').addEventListener('click', (e) => { e.preventDefault(); go('form'); });
document.getElementById('tab-status').addEventListener('click', (e) => { e.preventDefault(); go('status'); });
window.addEventListener('popstate', () => {
  state.view = location.pathname.endsWith('/status') ? 'status' : location.pathname.endsWith('/receipt') && state.receipt ? 'receipt' : 'form';
  render();
});
if (location.pathname.endsWith('/receipt')) state.view = 'form'; // a receipt is only the page that made it
render();
