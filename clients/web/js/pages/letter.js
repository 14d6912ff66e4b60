// One letter (文书) of a request (#/letter/{request}/{letter}).  A draft's
// paragraphs are edited in textareas, each beside the text ogi generated
// (「恢复生成的文字」), with the blanks 【待填写：…】 marked and counted; the
// facts the kind reads are a form that composes the draft anew; a save goes
// with If-Match, and when someone else saved first (412) the page reloads
// the letter keeping what was typed, with the saved text beside it.  The
// preview is the letter's own HTML in a sandboxed frame.  An approver issues
// (a clerk sees why not), a letter is voided with a reason, printed from its
// HTML, downloaded as PDF or Word; an issued letter's service is recorded
// below it (deliveries.js).  What was typed is a draft (sessionStorage) until
// the API has it.
import { api } from '../api.js';
import { h, clear, toast } from '../dom.js';
import { t, lang } from '../i18n.js';
import { can } from '../app.js';
import { field, setFieldError, showFieldErrors, clearErrors, problemBox, showProblem, draft, dateWithWeekday, errorMessage } from './common.js';
import { kindText, letterStatusTag, refText, ask, printUrl, letterPath, blanksOf, BLANK, issueRole, draftRole, seriesOf } from './letters.js';
import { factsForm } from './letter_facts.js';
import { serviceCard } from './deliveries.js';

// the letter's HTML is an A4 sheet (210 mm) with a little room
const SHEET_PX = 830;
// a textarea as tall as its text
const autosize = (ta) => { ta.style.height = 'auto'; ta.style.height = `${ta.scrollHeight + 4}px`; };
const rowsFor = (text) => Math.min(14, Math.max(1, Math.ceil([...text].length / 46) + (text.match(/\n/g) || []).length));
const sep = () => (lang === 'en' ? '; ' : '；');

export async function render(main, [ridText, lidText]) {
  const rid = Number(ridText), lid = Number(lidText);
  const path = letterPath(rid, lid);
  const store = draft(`letter.${lid}`);
  const state = { r: null, l: null, etag: null, events: [], body: null };
  let typed = null; // {title, addressee, paragraphs} as the editor holds them
  let base = null; // the version they were begun on
  let refreshIssue = () => {};

  const saved = () => ({ title: state.l.title, addressee: state.l.addressee, paragraphs: [...state.l.paragraphs] });
  const same = (a, b) => a.title === b.title && a.addressee === b.addressee && a.paragraphs.length === b.paragraphs.length
    && a.paragraphs.every((p, i) => p === b.paragraphs[i]);
  const dirty = () => state.l.status === 'draft' && !same(typed, saved());
  // typed over an older version than the one saved now: the saved text is shown beside
  const stale = () => base !== state.l.version;

  async function load() {
    const [r, l, ev] = await Promise.all([api('GET', `/api/v1/requests/${rid}`), api('GET', path), api('GET', `/api/v1/requests/${rid}/events`)]);
    state.r = r.data; state.l = l.data; state.etag = l.etag; state.events = ev.data.events;
    if (!state.body) state.body = await api('GET', `/api/v1/bodies/${state.r.body_id}`).then((x) => x.data, () => null);
    const kept = store.load();
    if (kept && state.l.status === 'draft' && Array.isArray(kept.paragraphs)) {
      typed = { title: kept.title, addressee: kept.addressee, paragraphs: kept.paragraphs };
      base = kept.base;
      if (!dirty()) adopt();
    } else adopt();
  }
  // the letter as saved becomes what the editor holds
  function adopt() {
    typed = saved();
    base = state.l.version;
    store.clear();
  }
  function keep() {
    if (dirty()) store.save({ base, ...typed });
    else store.clear();
  }
  function afterSave(x) {
    state.l = x.data;
    state.etag = x.etag;
    adopt();
  }

  await load();
  draw();

  function draw(notice) {
    clear(main);
    const { r, l } = state;
    document.title = `${kindText(l)} · ${r.tracking_no} · ${t('app.title')}`;
    const editable = l.status === 'draft' && can('handler', r.body_id);
    main.append(h('div', { class: 'page-head' },
      h('h1', { tabindex: -1, id: 'letter-h' }, kindText(l)), letterStatusTag(l),
      h('strong', { id: 'letter-ref', class: l.ref ? 'letter-ref' : 'letter-ref muted' }, refText(l)),
      h('a', { class: 'button no-print', href: `#/request/${r.id}`, id: 'letter-back' }, t('letter.back', { no: r.tracking_no }))));
    if (notice) main.append(h('div', { class: 'problem', role: 'alert', id: 'letter-notice', tabindex: -1 }, notice));
    main.append(infoCard(), actionsCard());
    // a draft being edited: the editor and the facts beside the preview (stacked on a narrow screen)
    if (editable) main.append(h('div', { class: 'letter-work' }, h('div', { class: 'letter-edit' }, editorCard(), factsCard()), previewCard()));
    else {
      if (l.status === 'draft') main.append(h('p', { class: 'card muted', id: 'letter-read-only' }, t('letter.read_only')));
      main.append(previewCard());
    }
    if (l.status !== 'draft') {
      main.append(serviceCard({ path, letter: l, canRecord: can('clerk', r.body_id),
        reload: async (n) => { await load(); draw(n); main.querySelector('#service-card')?.scrollIntoView({ block: 'nearest' }); main.querySelector('#service-h')?.focus?.(); } }));
    }
    refreshIssue();
  }

  function infoCard() {
    const { r, l } = state;
    const who = (by, at) => `${by || '—'}${at ? `（${at.slice(0, 16).replace('T', ' ')}）` : ''}`;
    const rows = [
      ['letter.title_f', l.title],
      ['letter.request', `${r.tracking_no} · ${r.applicant.name}`],
      l.addressee ? ['letter.addressee', l.addressee] : null,
      ['letter.date', dateWithWeekday(l.letter_date)],
      ['letter.created', who(l.created_by, l.created_at)],
      l.issued_at ? ['letter.issued', who(l.issued_by, l.issued_at)] : null,
      l.voided_at ? ['letter.voided', who(l.voided_by, l.voided_at)] : null,
      l.void_reason ? ['letter.void_reason', l.void_reason] : null,
      l.status === 'draft' && l.edited ? ['letter.edited_f', t('letter.edited')] : null,
    ].filter(Boolean);
    return h('section', { class: 'card', id: 'letter-info', 'aria-labelledby': 'letter-info-h' },
      h('h2', { id: 'letter-info-h', class: 'sr-only' }, t('letter.info')),
      h('dl', { class: 'details' }, rows.map(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)])));
  }

  // issue, void, print, download
  function actionsCard() {
    const { r, l } = state;
    const bar = h('div', { class: 'actions', id: 'letter-actions' });
    if (l.status === 'draft') {
      const mayIssue = can(issueRole(l.kind), r.body_id);
      const issue = h('button', { type: 'button', class: 'primary', id: 'letter-issue', 'aria-describedby': 'letter-issue-why' }, t('letter.issue'));
      const why = h('span', { class: 'hint why', id: 'letter-issue-why' });
      refreshIssue = () => {
        const n = blanksIn(typed);
        const reason = !mayIssue ? t('letter.issue_needs_approver')
          : dirty() ? t('letter.issue_unsaved')
            : n ? t('letter.issue_blanks', { n })
              : state.l.has_blanks ? t('letter.issue_blanks_facts') : '';
        issue.disabled = Boolean(reason);
        why.textContent = reason;
      };
      issue.addEventListener('click', issueDialog);
      bar.append(issue, why);
    } else refreshIssue = () => {};
    const mayVoid = l.status !== 'void' && can(l.status === 'issued' ? issueRole(l.kind) : draftRole(l.kind), r.body_id);
    const print = h('button', { type: 'button', id: 'letter-print', onclick: () => printUrl(`${path}?type=html`) }, t(l.status === 'draft' ? 'letter.print_draft' : 'letter.print'));
    const pdf = h('a', { class: 'button', id: 'letter-pdf', href: `${path}?type=pdf`, download: '' }, t('letter.pdf'));
    const docx = h('a', { class: 'button', id: 'letter-docx', href: `${path}?type=docx`, download: '' }, t('letter.docx'));
    const voidButton = mayVoid ? h('button', { type: 'button', class: 'danger-outline', id: 'letter-void', onclick: voidDialog }, t('letter.void')) : null;
    bar.append(print, pdf, docx, voidButton);
    return h('section', { class: 'card no-print', id: 'letter-actions-card', 'aria-label': t('letter.actions') }, bar,
      l.status === 'draft' ? h('p', { class: 'hint' }, t('letter.draft_hint')) : null,
      l.status === 'issued' ? h('p', { class: 'hint' }, t('letter.issued_hint')) : null);
  }

  function issueDialog() {
    const l = state.l;
    const series = seriesOf(state.body, l.kind, l.letter_date);
    ask({ id: 'issue-dialog', title: t('letter.issue_title', { kind: kindText(l) }),
      text: [series ? t('letter.issue_series', { series }) : t('letter.issue_series_unknown'), t('letter.issue_frozen')],
      ok: t('letter.issue_ok'),
      action: async () => {
        try {
          const x = await api('POST', `${path}/issue`, undefined, state.etag ? { 'If-Match': state.etag } : {});
          afterSave(x);
          draw();
          toast(t('letter.issued_ok', { ref: x.data.ref }));
          main.querySelector('#letter-h')?.focus();
        } catch (e) {
          if (e.status !== 412) throw e;
          await load();
          draw(t('letter.stale_issue'));
          main.querySelector('#letter-notice')?.focus();
        }
      } });
  }

  function voidDialog() {
    const l = state.l;
    ask({ id: 'void-dialog', title: t('letter.void_title', { ref: refText(l) }), danger: true,
      text: t(l.status === 'issued' ? 'letter.void_issued' : 'letter.void_draft'), ok: t('letter.void_ok'),
      reason: { label: t('letter.void_reason'), hint: t('letter.void_reason_hint'), max: 500 },
      action: async (reason) => {
        const x = await api('POST', `${path}/void`, { reason });
        afterSave(x);
        draw();
        toast(t('letter.voided_ok'));
        main.querySelector('#letter-h')?.focus();
      } });
  }

  function blanksIn(x) {
    return [x.title, x.addressee, ...x.paragraphs].reduce((n, s) => n + blanksOf(s).length, 0);
  }

  function editorCard() {
    const gen = state.l.generated || { paragraphs: [] };
    const problem = problemBox('editor-problem');
    const title = h('input', { id: 'l-title', name: 'title', maxlength: 100, value: typed.title });
    const addressee = h('input', { id: 'l-addressee', name: 'addressee', maxlength: 200, value: typed.addressee });
    const paras = h('div', { class: 'paras', id: 'l-paragraphs' });
    const blanksBox = h('p', { id: 'blanks-box', 'aria-live': 'polite' });
    const dirtyTag = h('span', { class: 'tag unsaved', id: 'l-dirty' }, t('letter.unsaved'));
    const save = h('button', { type: 'submit', class: 'primary', id: 'l-save' }, t('letter.save'));
    const restoreAll = h('button', { type: 'button', id: 'l-restore-all' }, t('letter.restore_all'));
    const fromGen = () => ({ title: gen.title ?? typed.title, addressee: gen.addressee ?? typed.addressee, paragraphs: [...(gen.paragraphs || [])] });

    function refresh() {
      keep();
      dirtyTag.hidden = !dirty();
      restoreAll.hidden = !gen.paragraphs?.length || same(typed, fromGen());
      const n = blanksIn(typed);
      blanksBox.className = n ? 'warning blanks' : 'ok';
      blanksBox.textContent = n ? t('letter.blanks', { n }) : t('letter.no_blanks');
      refreshIssue();
    }
    function paraBlock(i) {
      const text = typed.paragraphs[i];
      const ta = h('textarea', { id: `l-p${i}`, name: `paragraphs[${i}]`, rows: rowsFor(text), value: text, class: 'para-text', spellcheck: 'false' });
      const marks = h('div', { class: 'blank-marks', id: `l-p${i}-blanks` });
      const alts = h('div', { class: 'alts', id: `l-p${i}-alts` });
      const remedy = (gen.remedy || []).includes(i);
      const f = field(t(remedy ? 'letter.para_remedy' : 'letter.para', { n: i + 1 }), ta,
        { name: `paragraphs[${i}]`, wide: true, hint: remedy ? t('letter.remedy_hint') : null });
      f.classList.add('para');
      const insert = h('button', { type: 'button', class: 'link', id: `l-p${i}-insert` }, t('letter.para_insert'));
      const remove = typed.paragraphs.length > 1 ? h('button', { type: 'button', class: 'link', id: `l-p${i}-remove` }, t('letter.para_remove')) : null;
      f.append(marks, alts, h('div', { class: 'para-tools' }, insert, remove));
      const set = (v) => { ta.value = v; typed.paragraphs[i] = v; setFieldError(f, ''); autosize(ta); update(); refresh(); };
      function update() {
        const found = blanksOf(ta.value);
        f.classList.toggle('has-blank', found.length > 0);
        clear(marks);
        if (found.length) {
          marks.append(h('span', { class: 'hint' }, t('letter.blanks_here')), ...found.map((b, k) => h('button', { type: 'button', class: 'blank-chip', id: `l-p${i}-blank${k}`,
            onclick: () => { const now = blanksOf(ta.value)[k] || b; ta.focus(); ta.setSelectionRange(now.start, now.end); } }, b.label || t('letter.blank'))));
        }
        clear(alts);
        const choices = [];
        if (gen.paragraphs?.[i] !== undefined) choices.push(['generated', gen.paragraphs[i]]);
        if (stale() && state.l.paragraphs[i] !== undefined) choices.push(['saved', state.l.paragraphs[i]]);
        for (const [kind, alt] of choices) {
          if (alt === ta.value) continue;
          alts.append(h('details', { class: `generated alt-${kind}`, id: `l-p${i}-${kind}`, open: kind === 'saved' },
            h('summary', {}, t(`letter.alt_${kind}`)), h('p', { class: 'pre' }, alt),
            h('button', { type: 'button', id: `l-p${i}-use-${kind}`, onclick: () => { set(alt); ta.focus(); } }, t(`letter.use_${kind}`))));
        }
      }
      ta.addEventListener('input', () => { typed.paragraphs[i] = ta.value; setFieldError(f, ''); autosize(ta); update(); refresh(); });
      requestAnimationFrame(() => { if (ta.isConnected) autosize(ta); });
      insert.addEventListener('click', () => { typed.paragraphs.splice(i + 1, 0, ''); drawParas(); refresh(); paras.querySelector(`#l-p${i + 1}`)?.focus(); });
      remove?.addEventListener('click', () => { typed.paragraphs.splice(i, 1); drawParas(); refresh(); paras.querySelector(`#l-p${Math.max(0, i - 1)}`)?.focus(); });
      update();
      return f;
    }
    function drawParas() {
      clear(paras).append(...typed.paragraphs.map((_, i) => paraBlock(i)));
    }
    drawParas();
    title.addEventListener('input', () => { typed.title = title.value; refresh(); });
    addressee.addEventListener('input', () => { typed.addressee = addressee.value; refresh(); });
    restoreAll.addEventListener('click', () => {
      typed = fromGen();
      title.value = typed.title;
      addressee.value = typed.addressee;
      drawParas();
      refresh();
      toast(t('letter.restored_all'));
    });

    const form = h('form', { id: 'letter-form', novalidate: true },
      h('p', { class: 'hint' }, t('letter.editor_hint')),
      stale() && dirty() ? h('p', { class: 'warning', id: 'l-stale' }, t('letter.stale_kept')) : null,
      state.l.second ? h('p', { class: 'hint', id: 'l-second' }, t('letter.second_hint', { title: state.l.second.title })) : null,
      blanksBox,
      h('div', { class: 'grid' }, field(t('letter.title_f'), title, { wide: true }),
        // a letter without a salutation (the receipt) is not given one here
        typed.addressee || gen.addressee ? field(t('letter.addressee'), addressee, { wide: true, hint: t('letter.addressee_hint') }) : null),
      paras, problem,
      h('div', { class: 'actions' }, save, dirtyTag, restoreAll));
    form.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); } });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      showProblem(problem, '');
      if (!dirty()) { toast(t('letter.nothing_to_save')); return; }
      const was = saved();
      const body = {};
      if (typed.title !== was.title) body.title = typed.title.trim();
      if (typed.addressee !== was.addressee) body.addressee = typed.addressee.trim();
      if (!same({ ...was, paragraphs: typed.paragraphs }, was)) body.paragraphs = typed.paragraphs;
      save.disabled = true;
      try {
        afterSave(await api('PATCH', path, body, { 'If-Match': state.etag }));
        draw();
        toast(t('letter.saved'));
        main.querySelector('#l-save')?.focus({ preventScroll: true });
      } catch (e) {
        save.disabled = false;
        if (e.status === 412) {
          // someone else saved first: what was typed stays (sessionStorage) through the reload
          clear(problem).append(t('letter.stale'), ' ',
            h('button', { type: 'button', id: 'l-reload', onclick: async () => { await load(); draw(t('letter.reloaded')); main.querySelector('#letter-notice')?.focus(); } }, t('letter.reload')));
          problem.hidden = false;
          problem.focus();
          return;
        }
        const rest = showFieldErrors(form, e.problem);
        if (rest.length || !e.problem?.errors) {
          showProblem(problem, [e.text(), ...rest.map(errorMessage)].join(sep()));
          problem.focus();
        }
      }
    });
    refresh();
    return h('section', { class: 'card no-print', id: 'editor-card', 'aria-labelledby': 'editor-h' }, h('h2', { id: 'editor-h' }, t('letter.editor')), form);
  }

  function factsCard() {
    const { l, r, events } = state;
    const ff = factsForm(l, { r, events });
    const problem = problemBox('facts-problem');
    const submit = h('button', { type: 'submit', class: 'primary', id: 'facts-submit' }, t('letter.regenerate'));
    const form = h('form', { id: 'facts-form', novalidate: true }, h('p', { class: 'hint' }, t('letter.facts_intro')), ff.el, problem, h('div', { class: 'actions' }, submit));
    form.addEventListener('input', (e) => { const f = e.target.closest('.field'); if (f) setFieldError(f, ''); });
    async function run() {
      const body = { facts: ff.value(), regenerate: true };
      if (ff.letterDate.value && ff.letterDate.value !== l.letter_date) body.letter_date = ff.letterDate.value;
      try {
        afterSave(await api('PATCH', path, body, { 'If-Match': state.etag }));
        draw();
        toast(t('letter.regenerated'));
        main.querySelector('#editor-h')?.scrollIntoView({ block: 'start' });
      } catch (e) {
        submit.disabled = false;
        if (e.status === 412) { await load(); draw(t('letter.stale_facts')); main.querySelector('#letter-notice')?.focus(); return; }
        const rest = showFieldErrors(form, e.problem);
        if (rest.length || !e.problem?.errors) {
          showProblem(problem, [e.text(), ...rest.map(errorMessage)].join(sep()));
          problem.focus();
        }
      }
    }
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      clearErrors(form);
      showProblem(problem, '');
      submit.disabled = true;
      if (state.l.edited || dirty()) {
        const d = ask({ id: 'regenerate-dialog', title: t('letter.regenerate_title'), text: t('letter.regenerate_warning'), ok: t('letter.regenerate_ok'), action: run });
        d.addEventListener('close', () => { submit.disabled = false; });
      } else run();
    });
    return h('section', { class: 'card no-print', id: 'facts-card', 'aria-labelledby': 'facts-h' }, h('h2', { id: 'facts-h' }, t('letter.facts')), form);
  }

  function previewCard() {
    const l = state.l;
    // sandboxed without any allowance: the letter's HTML (its own CSP runs no script) cannot reach this page
    const frame = h('iframe', { id: 'letter-preview', class: 'letter-preview', sandbox: '', title: t('letter.preview_title', { kind: kindText(l) }), src: `${path}?type=html` });
    const wrap = h('div', { class: 'preview-wrap' }, frame);
    // the A4 sheet shrunk to the width there is, as tall as the window allows
    const fit = () => {
      const avail = wrap.clientWidth;
      if (!avail) return;
      const s = Math.min(1, avail / SHEET_PX);
      const height = Math.max(560, Math.round((window.innerHeight - 150) / s));
      frame.style.width = `${s < 1 ? SHEET_PX : avail}px`;
      frame.style.height = `${height}px`;
      frame.style.transform = s < 1 ? `scale(${s})` : '';
      wrap.style.height = `${Math.ceil(height * s)}px`;
    };
    new ResizeObserver(fit).observe(wrap);
    return h('section', { class: 'card', id: 'preview-card', 'aria-labelledby': 'preview-h' },
      h('div', { class: 'preview-head' }, h('h2', { id: 'preview-h' }, t('letter.preview')),
        h('a', { href: `${path}?type=html`, target: '_blank', rel: 'noopener', id: 'preview-open', class: 'no-print' }, t('letter.preview_open'))),
      h('p', { class: 'hint no-print' }, t(l.status === 'draft' ? 'letter.preview_hint_draft' : 'letter.preview_hint_issued')),
      l.status === 'draft' && l.has_blanks ? h('p', { class: 'hint' }, t('letter.preview_blank_hint', { mark: BLANK })) : null,
      wrap);
  }
}
