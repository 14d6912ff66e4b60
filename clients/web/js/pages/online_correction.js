// 网上补正 on the request page (issue 15 item 6): the applicant's answer to the
// correction notice, sent on the public status page, shown as text exactly as
// written (never markup), with when it arrived; for a clerk of the request's
// body 「确认收到补正」 — correction_received recorded on the day it arrived (or a
// later day the clerk gives), the clock restarting as for a paper correction —
// and 「退回」 with a reason the applicant reads on the status page (they may
// answer again while the correction is still asked).
import { api, get } from '../api.js';
import { h, toast } from '../dom.js';
import { t, lang } from '../i18n.js';
import { can } from '../app.js';
import { ageText } from './online.js';

const when = (rfc) => { const d = new Date(rfc); return isNaN(d) ? rfc : d.toLocaleString('zh-CN', { hour12: false }); };

// The answers of request id that wait for staff (oldest first).
export async function loadOnlineCorrections(id) {
  try {
    return (await get(`/api/v1/online-corrections?request_id=${id}`)).items;
  } catch {
    return [];
  }
}

// The card of the pending answers of request r, or null when none waits.
export function onlineCorrectionCard(r, answers, reload) {
  if (!answers || !answers.length) return null;
  const clerk = can('clerk', r.body_id);
  return h('section', { class: 'card online-correction', id: 'online-correction-card', 'aria-labelledby': 'online-correction-h' },
    h('h2', { id: 'online-correction-h', tabindex: -1 }, t('ocorr.title')),
    h('p', { class: 'muted' }, t('ocorr.intro')),
    answers.map((a) => answerBlock(r, a, clerk, reload)));
}

function answerBlock(r, a, clerk, reload) {
  const block = h('article', { class: 'online-answer', id: `online-answer-${a.id}` },
    h('p', { class: 'muted' }, t('ocorr.arrived', { at: when(a.received_at), age: ageText(a.age_seconds) })),
    h('p', { class: 'pre answer-text', id: `online-answer-text-${a.id}` }, a.text),
    (a.files || []).length ? h('div', { class: 'kv' }, h('span', { class: 'muted' }, `${t('ocorr.files')}：`),
      h('span', {}, a.files.map((f) => h('a', { href: `/api/v1/online-applications/${a.online_id}/files/${f.id}`, download: f.name,
        class: 'online-file', id: `ocorr-file-${f.id}` }, `${f.name}（${Math.max(1, Math.round(f.size / 1024))} KB）　`)))) : null);
  if (!clerk) return block;
  const error = h('p', { class: 'error', role: 'alert', id: `ocorr-error-${a.id}` });
  const day = h('input', { type: 'date', id: `ocorr-on-${a.id}`, value: a.received_on, min: a.received_on });
  const confirm = h('button', { type: 'button', class: 'primary', id: `ocorr-confirm-${a.id}` }, t('ocorr.confirm'));
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    error.textContent = '';
    try {
      await api('POST', `/api/v1/online-corrections/${a.id}/confirm`,
        day.value && day.value !== a.received_on ? { received_on: day.value } : {});
      toast(t('ocorr.confirmed'));
      reload();
    } catch (e) {
      const f = e.fieldErrors()[0];
      error.textContent = f ? (lang === 'en' ? f.message_en : f.message_zh) : e.text();
      confirm.disabled = false;
    }
  });
  const reason = h('textarea', { id: `ocorr-reason-${a.id}`, rows: 2, maxlength: 500, placeholder: t('ocorr.reason_hint') });
  const rejectError = h('p', { class: 'error', role: 'alert' });
  const box = h('div', { class: 'decline-box', hidden: true },
    h('label', { for: `ocorr-reason-${a.id}` }, t('ocorr.reason')), reason, rejectError,
    h('button', { type: 'button', id: `ocorr-do-reject-${a.id}`, onclick: async () => {
      rejectError.textContent = '';
      try {
        await api('POST', `/api/v1/online-corrections/${a.id}/reject`, { reason: reason.value });
        toast(t('ocorr.rejected'));
        reload();
      } catch (e) {
        const f = e.fieldErrors().find((x) => x.field === 'reason');
        rejectError.textContent = f ? (lang === 'en' ? f.message_en : f.message_zh) : e.text();
      }
    } }, t('ocorr.do_reject')),
    h('button', { type: 'button', onclick: () => { box.hidden = true; } }, t('online.cancel')));
  block.append(h('div', { class: 'actions no-print' },
    h('label', { for: `ocorr-on-${a.id}` }, t('ocorr.on')), day, confirm,
    h('button', { type: 'button', id: `ocorr-reject-${a.id}`, onclick: () => { box.hidden = false; reason.focus(); } }, t('ocorr.reject')),
    error), box);
  return block;
}
