// 导入台账 (issue 20): an office's administrator brings in the register it kept
// before ogi (an Excel .xlsx or a CSV file saved by Excel or WPS).  Choosing
// the file uploads it (POST /api/v1/bodies/{id}/register-imports): the page
// shows each column with its heading and sample values and the register field
// ogi guessed for it (a select each), the outcome labels the office writes
// (each with its outcome, editable; labels the register uses that ogi does not
// know are added to choose for), and every problem of the dry run as a table
// (行, 列, 内容, 问题) in words.  重新检查 checks again with what was changed
// (…/check); 开始导入 (…/run) only once no row has an error, or for the rows
// without errors when the admin ticks that; the run is done by the server
// while a progress bar follows it (GET …/register-imports/{id}: 已导入 N / 共 M
// 行), then the result (新建 N 件, 已存在 N 件).  Earlier imports are listed.
import { api } from '../api.js';
import { h, clear, toast } from '../dom.js';
import { t, lang } from '../i18n.js';
import { can, go, session } from '../app.js';
import { problemBox, showProblem, errorMessage } from './common.js';

const FILE_MAX = 64 * 1024 * 1024;
const POLL_MS = 800;

function adminBodies() {
  return session.bodies.filter((b) => can('admin', b.id));
}

// The register field's name on screen (the API's Chinese label when no text is known).
const fieldLabel = (f) => t(`ri.field.${f.name}`);
const outcomeLabel = (o) => t(`outcome.${o}`);
const message = (p) => (lang === 'en' ? p.message_en : p.message_zh);

function when(ts) {
  if (!ts) return '';
  const d = new Date(ts);
  const local = new Date(d.getTime() + 8 * 3600e3).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

export async function render(main, args) {
  const mine = adminBodies();
  main.append(h('div', { class: 'page-head' }, h('h1', {}, t('ri.title'))));
  if (!mine.length) { main.append(h('p', { class: 'problem', id: 'ri-none' }, t('ri.no_body'))); return; }
  const id = mine.some((b) => b.id === Number(args[0])) ? Number(args[0]) : mine[0].id;
  const picker = mine.length > 1
    ? h('div', { class: 'field' }, h('label', { for: 'ri-body' }, t('ri.body')),
      h('select', { id: 'ri-body', onchange: (e) => go(`/import/${e.target.value}`) }, mine.map((x) => h('option', { value: x.id, selected: x.id === id }, x.name))))
    : null;
  const file = h('input', { type: 'file', id: 'ri-file', accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv' });
  const fileProblem = problemBox('ri-file-problem');
  const status = h('p', { class: 'muted', id: 'ri-status', 'aria-live': 'polite' });
  const work = h('div', { id: 'ri-work' });
  const history = h('section', { class: 'card', 'aria-labelledby': 'ri-history-h' });
  main.append(...[h('p', { class: 'muted' }, t('ri.intro')), picker,
    h('section', { class: 'card', 'aria-labelledby': 'ri-choose-h' }, h('h2', { id: 'ri-choose-h' }, t('ri.choose')),
      h('div', { class: 'field' }, h('label', { for: 'ri-file' }, t('ri.file')), file, h('div', { class: 'hint' }, t('ri.file_hint'))),
      status, fileProblem),
    work, history].filter(Boolean));

  async function loadHistory() {
    clear(history).append(h('h2', { id: 'ri-history-h' }, t('ri.history')));
    let list;
    try { list = (await api('GET', `/api/v1/bodies/${id}/register-imports`)).data.imports; } catch (e) { history.append(h('p', { class: 'problem' }, errorMessage(e))); return; }
    if (!list.length) { history.append(h('p', { class: 'muted', id: 'ri-history-none' }, t('ri.history_none'))); return; }
    history.append(h('div', { class: 'scroll' }, h('table', { class: 'list', id: 'ri-history' },
      h('thead', {}, h('tr', {}, [t('ri.h_file'), t('ri.h_when'), t('ri.h_who'), t('ri.h_rows'), t('ri.h_status')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, list.map((j) => h('tr', {},
        h('td', {}, j.file_name), h('td', {}, when(j.created_at)), h('td', {}, j.created_by || ''),
        h('td', {}, String(j.rows_total)), h('td', {}, statusText(j))))))));
  }

  function statusText(j) {
    if (j.status === 'done') return t('ri.st_done', { created: j.result?.created ?? 0, existed: j.result?.existed ?? 0 });
    if (j.status === 'running') return t('ri.st_running', { done: j.rows_done, total: j.rows_total });
    return t(`ri.st_${j.status}`);
  }

  file.addEventListener('change', async () => {
    const f = file.files[0];
    showProblem(fileProblem, '');
    if (!f) return;
    const ext = f.name.toLowerCase().split('.').pop();
    if (ext === 'xls' || ext === 'et') { showProblem(fileProblem, t('ri.old_xls', { name: f.name })); file.value = ''; return; }
    if (ext !== 'xlsx' && ext !== 'csv') { showProblem(fileProblem, t('ri.not_sheet', { name: f.name })); file.value = ''; return; }
    if (f.size > FILE_MAX) { showProblem(fileProblem, t('ri.too_large')); file.value = ''; return; }
    const ctype = ext === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
    file.disabled = true;
    status.textContent = t('ri.reading', { name: f.name });
    clear(work);
    try {
      const r = await api('POST', `/api/v1/bodies/${id}/register-imports?name=${encodeURIComponent(f.name)}`, f, { 'Content-Type': ctype });
      status.textContent = '';
      showJob(r.data);
      loadHistory();
    } catch (e) {
      status.textContent = '';
      const fe = e.fieldErrors?.() || [];
      showProblem(fileProblem, fe.length ? fe.map((x) => (lang === 'en' ? x.message_en : x.message_zh)).join('；') : errorMessage(e));
    } finally { file.disabled = false; file.value = ''; }
  });

  // One import: its report with the mapping and the table to edit, then the run.
  function showJob(job) {
    clear(work);
    const rep = job.report;
    const fields = rep.fields;
    const letters = rep.columns.map((c) => c.column);
    // field → letter, as the API guessed or the admin chose
    const chosen = {};
    for (const f of fields) chosen[f.name] = rep.mapping?.columns?.[f.name] || '';
    const byLetter = () => { const m = {}; for (const [f, l] of Object.entries(chosen)) if (l) m[l] = f; return m; };
    let sheet = rep.sheet;
    let headerRow = rep.header_row || 1;

    const summary = h('div', { id: 'ri-summary', class: rep.errors || rep.fatal ? 'problem' : 'ok-box', role: 'status' });
    const dry = rep.dry_run || { created: 0, existed: 0, refused: 0 };
    if (rep.fatal) summary.append(h('p', {}, t('ri.fatal')), h('p', {}, message(rep.problems[0] || { message_zh: '', message_en: '' })));
    else {
      summary.append(h('p', { id: 'ri-counts' }, t('ri.counts', { file: job.file_name, rows: rep.rows, created: dry.created, existed: dry.existed, errors: rep.rows - rep.valid })));
      summary.append(h('p', {}, rep.errors ? t('ri.fix_first') : t('ri.clean')));
    }

    // the sheet and the header row, then a select per column
    const sheetSelect = rep.sheets.length > 1
      ? h('select', { id: 'ri-sheet', onchange: (e) => { sheet = e.target.value; } },
        rep.sheets.map((s) => h('option', { value: s.name, selected: s.name === sheet }, s.hidden ? t('ri.sheet_hidden', { name: s.name }) : s.name)))
      : null;
    const headerInput = h('input', { id: 'ri-header-row', type: 'number', min: 1, max: 20, value: headerRow, class: 'short',
      oninput: (e) => { headerRow = Number(e.target.value) || 1; } });
    const selects = {};
    const colRows = rep.columns.map((c) => {
      const sel = h('select', { id: `ri-col-${c.column}`, 'aria-label': t('ri.map_for', { col: c.column, header: c.header || '' }) },
        h('option', { value: '' }, t('ri.not_imported')),
        fields.map((f) => h('option', { value: f.name }, fieldLabel(f) + (f.required ? t('ri.required_mark') : ''))));
      sel.value = byLetter()[c.column] || '';
      sel.addEventListener('change', () => {
        for (const [f, l] of Object.entries(chosen)) if (l === c.column) chosen[f] = '';
        if (sel.value) {
          const before = chosen[sel.value];
          chosen[sel.value] = c.column;
          if (before && selects[before]) selects[before].value = '';
        }
      });
      selects[c.column] = sel;
      return h('tr', {}, h('th', { scope: 'row' }, c.column), h('td', {}, c.header || t('ri.no_header')),
        h('td', { class: 'samples' }, c.samples.length ? c.samples.join('、') : t('ri.no_samples')), h('td', {}, sel));
    });
    const mappingCard = h('section', { class: 'card', 'aria-labelledby': 'ri-map-h' }, h('h2', { id: 'ri-map-h' }, t('ri.mapping')),
      h('p', { class: 'hint' }, t('ri.mapping_hint')),
      h('div', { class: 'grid' },
        sheetSelect ? h('div', { class: 'field' }, h('label', { for: 'ri-sheet' }, t('ri.sheet')), sheetSelect) : null,
        h('div', { class: 'field' }, h('label', { for: 'ri-header-row' }, t('ri.header_row')), headerInput, h('div', { class: 'hint' }, t('ri.header_row_hint')))),
      h('div', { class: 'scroll' }, h('table', { class: 'list', id: 'ri-columns' },
        h('thead', {}, h('tr', {}, [t('ri.c_col'), t('ri.c_header'), t('ri.c_samples'), t('ri.c_field')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, colRows))));

    // the outcome labels: the table in use, and the register's labels not known yet
    const table = { ...rep.outcomes };
    const unknown = [...new Set(rep.problems.filter((p) => p.rule === 'unknown_outcome' && p.value).map((p) => p.value))];
    const outcomeSelect = (label) => {
      const sel = h('select', { 'aria-label': t('ri.outcome_for', { label }), 'data-label': label },
        h('option', { value: '' }, t('ri.outcome_choose')),
        rep.outcome_choices.map((o) => h('option', { value: o }, outcomeLabel(o))));
      sel.value = table[label] || '';
      sel.addEventListener('change', () => { if (sel.value) table[label] = sel.value; else delete table[label]; });
      return sel;
    };
    const labelRow = (label, isNew) => h('tr', { class: isNew ? 'new-label' : null }, h('th', { scope: 'row' }, label, isNew ? h('span', { class: 'tag' }, t('ri.label_new')) : null), h('td', {}, outcomeSelect(label)));
    const outcomesCard = h('section', { class: 'card', 'aria-labelledby': 'ri-out-h' }, h('h2', { id: 'ri-out-h' }, t('ri.outcomes')),
      h('p', { class: 'hint' }, t('ri.outcomes_hint')),
      h('div', { class: 'scroll' }, h('table', { class: 'list', id: 'ri-outcomes' },
        h('thead', {}, h('tr', {}, [t('ri.o_label'), t('ri.o_outcome')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, unknown.filter((l) => !(l in table)).map((l) => labelRow(l, true)), Object.keys(rep.outcomes).map((l) => labelRow(l, false))))));

    // the problems, in words
    const errors = rep.problems.filter((p) => p.severity === 'error');
    const warnings = rep.problems.filter((p) => p.severity !== 'error');
    const colText = (p) => (p.column ? (p.header ? `${p.column}（${p.header}）` : p.column) : '');
    const problemTable = (list, tid) => h('div', { class: 'scroll' }, h('table', { class: 'list', id: tid },
      h('thead', {}, h('tr', {}, [t('ri.p_row'), t('ri.p_col'), t('ri.p_value'), t('ri.p_problem')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, list.map((p) => h('tr', {}, h('td', {}, p.row ? String(p.row) : t('ri.p_file')), h('td', {}, colText(p)), h('td', { class: 'value' }, p.value || ''), h('td', {}, message(p)))))));
    const problemsCard = h('section', { class: 'card', 'aria-labelledby': 'ri-prob-h' }, h('h2', { id: 'ri-prob-h' }, t('ri.problems', { n: rep.problems_total })),
      errors.length ? problemTable(errors, 'ri-problems') : h('p', { class: 'muted', id: 'ri-problems-none' }, t('ri.no_problems')),
      warnings.length ? h('details', {}, h('summary', {}, t('ri.warnings', { n: warnings.length })), problemTable(warnings, 'ri-warnings')) : null,
      rep.problems_total > rep.problems.length ? h('p', { class: 'hint' }, t('ri.problems_more', { n: rep.problems.length })) : null);

    // the actions
    const runProblem = problemBox('ri-run-problem');
    const recheck = h('button', { type: 'button', id: 'ri-recheck' }, t('ri.recheck'));
    const skip = h('input', { type: 'checkbox', id: 'ri-skip' });
    const start = h('button', { type: 'button', class: 'primary', id: 'ri-start' }, t('ri.start'));
    const blocked = h('p', { class: 'hint', id: 'ri-start-why' });
    const bad = rep.rows - rep.valid;
    function updateStart() {
      const ok = !rep.fatal && (rep.errors === 0 || skip.checked) && rep.rows > 0;
      start.disabled = !ok;
      blocked.textContent = rep.fatal ? t('ri.start_fatal') : rep.errors && !skip.checked ? t('ri.start_blocked') : '';
    }
    skip.addEventListener('change', updateStart);
    updateStart();
    const mapping = () => {
      const columns = {};
      for (const f of fields) columns[f.name] = chosen[f.name] || null;
      return { sheet, header_row: headerRow, columns };
    };
    const busy = (on) => { recheck.disabled = on; start.disabled = on || start.disabled; };
    recheck.addEventListener('click', async () => {
      showProblem(runProblem, '');
      busy(true);
      try {
        const r = await api('POST', `/api/v1/register-imports/${job.id}/check`, { mapping: mapping(), outcomes: table });
        showJob(r.data);
        toast(t('ri.rechecked'));
        document.getElementById('ri-summary')?.focus();
      } catch (e) { showProblem(runProblem, apiText(e)); busy(false); updateStart(); }
    });
    start.addEventListener('click', async () => {
      showProblem(runProblem, '');
      busy(true);
      try {
        const r = await api('POST', `/api/v1/register-imports/${job.id}/run`, { mapping: mapping(), outcomes: table, skip_invalid: skip.checked });
        follow(r.data);
      } catch (e) { showProblem(runProblem, apiText(e)); busy(false); updateStart(); }
    });
    summary.tabIndex = -1;
    work.append(summary, mappingCard, outcomesCard, problemsCard,
      h('section', { class: 'card', 'aria-labelledby': 'ri-act-h' }, h('h2', { id: 'ri-act-h' }, t('ri.actions')),
        bad > 0 && !rep.fatal ? h('label', { class: 'inline', for: 'ri-skip' }, skip, ' ', t('ri.skip', { n: bad })) : null,
        h('div', { class: 'actions' }, recheck, start), blocked, runProblem));
  }

  function apiText(e) {
    const fe = e.fieldErrors?.() || [];
    if (fe.length) return fe.map((x) => (lang === 'en' ? x.message_en : x.message_zh)).join('；');
    return errorMessage(e);
  }

  // The run: a progress bar until the server says it ended, then the result.
  function follow(job) {
    clear(work);
    const bar = h('progress', { id: 'ri-progress', max: Math.max(job.rows_total, 1), value: job.rows_done });
    const line = h('p', { id: 'ri-progress-text', 'aria-live': 'polite' });
    const box = h('section', { class: 'card', 'aria-labelledby': 'ri-run-h' }, h('h2', { id: 'ri-run-h' }, t('ri.running_title', { file: job.file_name })), bar, line);
    work.append(box);
    const show = (j) => {
      bar.max = Math.max(j.rows_total, 1);
      bar.value = j.rows_done;
      line.textContent = j.status === 'queued' ? t('ri.queued') : t('ri.progress', { done: j.rows_done, total: j.rows_total });
    };
    show(job);
    const tick = async () => {
      if (!box.isConnected) return;
      let j;
      try { j = (await api('GET', `/api/v1/register-imports/${job.id}`)).data; } catch (e) { line.textContent = errorMessage(e); setTimeout(tick, POLL_MS * 3); return; }
      show(j);
      if (j.status === 'done' || j.status === 'failed') { finished(box, j); loadHistory(); return; }
      setTimeout(tick, POLL_MS);
    };
    setTimeout(tick, POLL_MS);
  }

  function finished(box, j) {
    const res = j.result || {};
    if (j.status === 'done') {
      box.append(h('div', { class: 'ok-box', id: 'ri-result', role: 'status' },
        h('p', { id: 'ri-result-line' }, t('ri.result', { created: res.created ?? 0, existed: res.existed ?? 0 })),
        res.refused_rows ? h('p', {}, t('ri.result_refused', { n: res.refused_rows })) : null,
        h('p', {}, h('a', { href: '#/queue', id: 'ri-to-queue' }, t('ri.to_queue')), '　', h('a', { href: '#/list', id: 'ri-to-list' }, t('ri.to_list')))));
    } else {
      const why = res.error ? (lang === 'en' ? res.en : res.zh) : t('ri.failed_rows', { n: res.refused_rows ?? 0 });
      box.append(h('div', { class: 'problem', id: 'ri-result', role: 'alert' }, h('p', {}, t('ri.failed')), h('p', {}, why)));
    }
  }

  loadHistory();
}
