// The 「案卷材料」 card of the request page: the papers of the case file (the
// signed form, the ID copy, the 补正 material, the answers, the released
// documents, the post receipts and signed 送达回证), each with its kind, name,
// size and who put it in when; downloaded under its own name; voided with a
// reason (never deleted: it stays, struck through).  A clerk adds files by
// choosing them or dropping them on the card; each goes up on its own with
// its progress shown (XMLHttpRequest: fetch tells nothing of an upload's
// progress).  Closed requests take papers too.
import { api } from '../api.js';
import { h, toast } from '../dom.js';
import { t, lang } from '../i18n.js';
import { can } from '../app.js';
import { problemBox, showProblem } from './common.js';
import { ask } from './letters.js';

export const ATTACHMENT_KINDS = ['application_form', 'identity_copy', 'correction_material', 'consultation_reply',
  'released_document', 'delivery_proof', 'other'];
// what a file is sent as when the browser does not say (.ofd, .wps): by its extension
const BY_EXTENSION = {
  pdf: 'application/pdf', ofd: 'application/ofd', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png',
  tif: 'image/tiff', tiff: 'image/tiff', doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', wps: 'application/wps-office.wps',
  txt: 'text/plain', zip: 'application/zip',
};
export const attachmentsPath = (rid) => `/api/v1/requests/${rid}/attachments`;

export async function loadAttachments(rid) {
  return (await api('GET', attachmentsPath(rid))).data;
}

function typeOf(file) {
  const ext = (file.name.split('.').pop() || '').toLowerCase();
  return BY_EXTENSION[ext] || (Object.values(BY_EXTENSION).includes(file.type) ? file.type : null);
}

export function sizeText(bytes) {
  if (bytes < 1024) return t('att.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('att.kb', { n: (bytes / 1024).toFixed(1) });
  return t('att.mb', { n: (bytes / 1048576).toFixed(1) });
}

// One file up: resolves with the attachment, rejects with the problem's words.
function send(rid, kind, file, type, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${attachmentsPath(rid)}?kind=${encodeURIComponent(kind)}&name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', type);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', lang === 'en' ? 'en' : 'zh-CN');
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
    xhr.addEventListener('load', () => {
      let p = null;
      try { p = JSON.parse(xhr.responseText); } catch { p = null; }
      if (xhr.status === 201) return resolve(p);
      const title = p ? (lang === 'en' ? p.title_en : p.title_zh) : t('err.generic');
      const fields = (p?.errors || []).map((e) => (lang === 'en' ? e.message_en : e.message_zh)).join('；');
      reject(new Error(fields ? `${title}：${fields}` : title));
    });
    xhr.addEventListener('error', () => reject(new Error(t('err.network'))));
    xhr.send(file);
  });
}

// notice: what the last upload did, said in the card drawn after it
export function attachmentsCard(r, data, reload, notice) {
  const problem = problemBox('attachments-problem');
  const clerk = can('clerk', r.body_id);
  const row = (a) => {
    const voidButton = clerk && !a.void ? h('button', { type: 'button', class: 'void-attachment', id: `att-void-${a.id}` }, t('att.void')) : null;
    voidButton?.addEventListener('click', () => ask({
      id: 'att-void-dialog', title: t('att.void_title', { name: a.name }), text: t('att.void_text'), ok: t('att.void'), danger: true,
      reason: { label: t('att.void_reason') },
      action: async (reason) => { await api('POST', `${attachmentsPath(r.id)}/${a.id}/void`, { reason }); toast(t('att.voided')); await reload(); },
    }));
    return h('li', { class: `attachment-row${a.void ? ' void' : ''}`, 'data-attachment': a.id, 'data-kind': a.kind },
      h('div', { class: 'record-head' },
        h('a', { href: a.href, download: a.name, class: 'attachment-link', id: `att-link-${a.id}` }, a.name),
        h('span', { class: 'tag' }, t(`att.kind.${a.kind}`)),
        a.void ? h('span', { class: 'tag letter-void', id: `att-void-tag-${a.id}` }, t('att.void_tag')) : null,
        voidButton),
      h('p', { class: 'muted' }, t('att.meta', { size: sizeText(a.size), at: a.created_at.slice(0, 16).replace('T', ' '), by: a.created_by || '—' })),
      a.void ? h('p', { class: 'muted att-void-reason' }, t('att.void_reason_was', { reason: a.void_reason })) : null);
  };
  const list = data.attachments.length ? h('ul', { class: 'records', id: 'attachments-list' }, data.attachments.map(row))
    : h('p', { class: 'empty', id: 'attachments-empty' }, t('att.none'));
  let upload = null;
  if (clerk) {
    const kind = h('select', { id: 'att-kind', name: 'kind' }, ATTACHMENT_KINDS.map((k) => h('option', { value: k }, t(`att.kind.${k}`))));
    const input = h('input', { type: 'file', id: 'att-file', multiple: true, accept: Object.keys(BY_EXTENSION).map((x) => `.${x}`).join(',') });
    const progress = h('progress', { id: 'att-progress', max: 1, value: 0, hidden: true });
    const status = h('p', { class: 'hint', id: 'att-status', 'aria-live': 'polite' }, notice || '');
    const zone = h('div', { class: 'drop-zone', id: 'att-drop' }, t('att.drop'));
    async function put(files) {
      showProblem(problem, '');
      let done = 0;
      for (const file of files) {
        const type = typeOf(file);
        if (!type) { showProblem(problem, t('att.unknown_type', { name: file.name })); continue; }
        // said here, not after sending: ogid refuses an oversized file on its headers
        // and closes, which a browser may report as a broken connection
        if (data.max_file_bytes && file.size > data.max_file_bytes) {
          showProblem(problem, t('att.too_large', { name: file.name, max: sizeText(data.max_file_bytes) })); continue;
        }
        if (data.max_total_bytes && data.total_bytes + file.size > data.max_total_bytes) {
          showProblem(problem, t('att.total_too_large', { name: file.name, max: sizeText(data.max_total_bytes) })); continue;
        }
        progress.hidden = false;
        progress.value = 0;
        status.textContent = t('att.uploading', { name: file.name });
        try {
          await send(r.id, kind.value, file, type, (f) => { progress.value = f; });
          done++;
        } catch (e) {
          showProblem(problem, `${file.name}：${e.message}`);
        }
      }
      progress.hidden = true;
      status.textContent = done ? t('att.uploaded', { n: done }) : '';
      input.value = '';
      if (done) await reload(status.textContent, problem.textContent);
    }
    input.addEventListener('change', () => put([...input.files]));
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); put([...e.dataTransfer.files]); });
    upload = h('div', { class: 'attachment-upload', id: 'att-upload' },
      h('label', {}, t('att.kind'), ' ', kind), h('label', { class: 'button' }, t('att.choose'), input), zone, progress, status,
      h('p', { class: 'hint' }, t('att.types_hint')));
  }
  return h('section', { class: 'card no-print', id: 'attachments-card', 'aria-labelledby': 'attachments-h' },
    h('h2', { id: 'attachments-h' }, t('att.card')), list, upload, problem);
}

// the card with a problem of the last upload shown (the card is drawn anew after it)
export function withProblem(card, text) {
  if (text) showProblem(card.querySelector('#attachments-problem'), text);
  return card;
}
