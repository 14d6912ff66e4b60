// 网上申请: the online applications of the caller's bodies (issue 15) — the
// pending ones (the queue's band 「网上申请待确认」) with how long each has
// waited, everything the applicant gave shown as text, and for clerks
// 「确认收到并登记」 (registered then, received that day: art. 31(3)) or
// 「不予受理」 with a reason the applicant sees; confirmed and declined ones
// by tab.  The identity copy the applicant sent opens from the card (downloaded,
// never shown inline); once confirmed it is in the request's case file.
import { api, get } from '../api.js';
import { h, clear, toast } from '../dom.js';
import { t } from '../i18n.js';
import { canAny, go } from '../app.js';

const STATES = ['pending', 'confirmed', 'declined'];

export function ageText(seconds) {
  const s = Math.max(0, Number(seconds) || 0);
  if (s < 3600) return t('online.age_min', { n: Math.max(1, Math.floor(s / 60)) });
  if (s < 86400) return t('online.age_hour', { n: Math.floor(s / 3600) });
  return t('online.age_day', { n: Math.floor(s / 86400) });
}

const when = (rfc) => { const d = new Date(rfc); return isNaN(d) ? rfc : d.toLocaleString('zh-CN', { hour12: false }); };

function line(label, value) {
  return value === null || value === undefined || value === '' ? null
    : h('div', { class: 'kv' }, h('span', { class: 'muted' }, `${label}：`), h('span', {}, value));
}

function card(a, reload) {
  const actions = h('div', { class: 'actions no-print' });
  const clerk = canAny('clerk');
  if (a.state === 'pending' && clerk) {
    const confirm = h('button', { type: 'button', class: 'primary', id: `confirm-${a.id}`, onclick: async () => {
      confirm.disabled = true;
      try {
        const r = await api('POST', `/api/v1/online-applications/${a.id}/confirm`);
        toast(t('online.confirmed_as', { no: r.data.tracking_no }));
        go(`/request/${r.data.id}`);
      } catch (e) { toast(e.text()); confirm.disabled = false; }
    } }, t('online.confirm'));
    const reason = h('textarea', { id: `reason-${a.id}`, rows: 2, placeholder: t('online.reason_hint'), maxlength: 500 });
    const error = h('p', { class: 'error', role: 'alert' });
    const dlg = h('div', { class: 'decline-box', hidden: true },
      h('label', { for: `reason-${a.id}` }, t('online.reason')), reason, error,
      h('button', { type: 'button', id: `do-decline-${a.id}`, onclick: async () => {
        try {
          await api('POST', `/api/v1/online-applications/${a.id}/decline`, { reason: reason.value });
          toast(t('online.declined_done'));
          reload();
        } catch (e) {
          const f = e.fieldErrors().find((x) => x.field === 'reason');
          error.textContent = f ? f.message_zh : e.text();
        }
      } }, t('online.do_decline')),
      h('button', { type: 'button', onclick: () => { dlg.hidden = true; } }, t('online.cancel')));
    actions.append(confirm, h('button', { type: 'button', id: `decline-${a.id}`, onclick: () => { dlg.hidden = false; reason.focus(); } }, t('online.decline')), dlg);
  }
  if (a.state === 'confirmed' && a.request_id)
    actions.append(h('a', { href: `#/request/${a.request_id}`, class: 'button' }, t('online.open_request')));
  const ap = a.applicant, info = a.information;
  return h('article', { class: 'card online-app', id: `online-${a.id}`, 'data-number': a.number },
    h('h2', {}, h('span', {}, `${a.number}　${ap.name}`), h('span', { class: 'muted' }, `　${a.body_name}`)),
    line(t('online.submitted'), `${when(a.submitted_at)}（${t('online.waited')} ${ageText(a.age_seconds)}）`),
    line(t('online.applicant'), `${t(`kind.${ap.kind}`)}　${ap.name}`),
    line(t('online.id'), `${t(`idtype.${ap.id_type}`)} ${ap.id_number}`),
    line(t('online.phone'), ap.phone), line(t('online.email'), ap.email),
    line(t('online.address'), ap.postcode ? `${ap.address || ''}（${ap.postcode}）` : ap.address),
    line(t('online.contact'), ap.contact),
    line(t('online.info_title'), info.title), line(t('online.info_ref'), info.ref),
    h('div', { class: 'kv' }, h('span', { class: 'muted' }, `${t('online.info')}：`), h('p', { class: 'pre' }, info.description)),
    line(t('online.form'), `${t(`medium.${a.form.medium}`)}，${t(`delivery.${a.form.delivery}`)}`),
    (a.files || []).length ? h('div', { class: 'kv' }, h('span', { class: 'muted' }, `${t('online.files')}：`),
      h('span', {}, a.files.map((f) => h('a', { href: `/api/v1/online-applications/${a.id}/files/${f.id}`, download: f.name,
        class: 'online-file', id: `online-file-${f.id}` }, `${f.name}（${Math.max(1, Math.round(f.size / 1024))} KB）　`)))) : null,
    a.decline_reason ? line(t('online.declined'), t('online.reason_shown', { reason: a.decline_reason })) : null,
    actions);
}

export async function render(main, args, params) {
  const state = STATES.includes(params.get('state')) ? params.get('state') : 'pending';
  const list = h('div', { id: 'online-list' });
  main.append(h('div', { class: 'page-head' }, h('h1', {}, t('online.title'))),
    h('p', { class: 'muted' }, t('online.intro')),
    h('div', { class: 'bands', role: 'group' }, STATES.map((s) =>
      h('a', { href: `#/online?state=${s}`, id: `online-tab-${s}`, class: `band${s === state ? ' selected' : ''}`, 'aria-current': s === state ? 'page' : null },
        h('span', { class: 'label' }, t(`online.${s}`))))),
    list);
  async function load() {
    const data = await get(`/api/v1/online-applications?state=${state}`);
    clear(list);
    if (data.items.length === 0) list.append(h('p', { class: 'muted', id: 'online-empty' }, t(state === 'pending' ? 'online.none' : 'online.none_state')));
    for (const a of data.items) list.append(card(a, load));
  }
  await load();
}
