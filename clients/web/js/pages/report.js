// The annual report (政府信息公开工作年度报告) of a body, or of a body and its
// subtree, for a year: the whole report in the official layout with every
// check and the cells a failing check names marked, the downloads (XLSX,
// HTML, CSV, Markdown — the API's exports of the same figures), what staff
// enter (section 二's figures in the year's form, the texts of sections 一,
// 五, 六 and the generated sentences they may keep or rewrite; admins of the
// body), and the lock of a published year (admins, after a warning that it
// cannot be undone), with the amendments made after it.  The choice of year,
// body, subtree, format and view lives in the address: #/report/2024/3?subtree=true
import { api, get } from '../api.js';
import { h, select, toast } from '../dom.js';
import { t, lang } from '../i18n.js';
import { go, can, session, today } from '../app.js';
import { field, setFieldError, showFieldErrors, clearErrors, problemBox, showProblem, draft, errorMessage } from './common.js';
import { tables, sectionItems, failingCells } from './report_tables.js';

const FIRST_YEAR = 2008;
const FORMATS = ['2021', '2019', 'legacy'];
const TYPES = ['xlsx', 'html', 'csv', 'md'];
const OTHER_TYPES = ['csv', 'md']; // under 其他格式: data for spreadsheets and text for a web editor
// a download's name says its format when it is not the year's own (lib/report_render.c, in Chinese as the report is)
const FILE_FORMAT = { 2021: '（2021年格式）', 2019: '（2019年格式）', legacy: '（2018年及以前格式）' };
const TEXTS = ['overview', 'proactive', 'problems', 'other'];
const SENTENCES = ['proactive', 'applications', 'remedies', 'fees'];
const MAX_TEXT = 20000;

// The body a user most likely reports for: the first one a role names directly.
function defaultBody() {
  const direct = session.roles.map((g) => g.body_id).find((id) => session.bodies.some((b) => b.id === id));
  return direct ?? session.bodies[0]?.id;
}

export async function render(main, args, params) {
  const thisYear = Number(today().slice(0, 4));
  const year = /^\d{4}$/.test(args[0] || '') && Number(args[0]) >= FIRST_YEAR && Number(args[0]) <= thisYear ? Number(args[0]) : thisYear - 1;
  const bodyId = session.bodies.some((b) => b.id === Number(args[1])) ? Number(args[1]) : defaultBody();
  if (bodyId === undefined) { main.append(h('div', { class: 'problem' }, t('report.no_body'))); return; }
  const body = session.bodies.find((b) => b.id === bodyId);
  const hasChildren = session.bodies.some((b) => b.parent_id === bodyId);
  const subtree = hasChildren && params.get('subtree') === 'true';
  const format = FORMATS.includes(params.get('format')) ? params.get('format') : '';
  const admin = can('admin', bodyId);
  const view = admin && params.get('view') === 'inputs' ? 'inputs' : 'report';

  const query = (extra = {}) => {
    const p = new URLSearchParams({ year: String(year), body_id: String(bodyId) });
    if (subtree) p.set('subtree', 'true');
    if (format) p.set('format', format);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return p;
  };
  // another year, body, scope, format or view: a new address (back and reload keep it)
  const address = (changes) => {
    const next = { year, body: bodyId, subtree, format, view, ...changes };
    const p = new URLSearchParams();
    if (next.subtree && session.bodies.some((b) => b.parent_id === Number(next.body))) p.set('subtree', 'true');
    if (next.format) p.set('format', next.format);
    if (next.view === 'inputs') p.set('view', 'inputs');
    return `/report/${next.year}/${next.body}${p.toString() ? `?${p}` : ''}`;
  };
  const navigate = (changes) => go(address(changes));

  // the choice: year, body, subtree, format
  const years = [];
  for (let y = thisYear; y >= FIRST_YEAR; y--) years.push([String(y), t('report.year_option', { year: y })]);
  const yearSel = select('year', years, String(year), { id: 'report-year' });
  const bodySel = select('body', session.bodies.map((b) => [String(b.id), b.name]), String(bodyId), { id: 'report-body' });
  const subtreeBox = h('input', { type: 'checkbox', id: 'report-subtree', name: 'subtree', checked: subtree });
  const formatSel = select('format', [['', t('report.format_auto')], ...FORMATS.map((f) => [f, t(`report.format.${f}`)])], format, { id: 'report-format' });
  yearSel.addEventListener('change', () => navigate({ year: yearSel.value }));
  bodySel.addEventListener('change', () => navigate({ body: bodySel.value }));
  subtreeBox.addEventListener('change', () => navigate({ subtree: subtreeBox.checked }));
  formatSel.addEventListener('change', () => navigate({ format: formatSel.value }));

  main.append(h('div', { class: 'page-head' }, h('h1', {}, t('report.title'))),
    h('form', { class: 'toolbar filters report-pick no-print', id: 'report-pick', onsubmit: (e) => e.preventDefault() },
      field(t('report.year'), yearSel), field(t('report.body'), bodySel),
      hasChildren ? h('div', { class: 'field check' }, h('label', { for: 'report-subtree', class: 'inline' }, subtreeBox, ' ', t('report.subtree'))) : null,
      field(t('report.format'), formatSel)));

  let report;
  try {
    report = await get(`/api/v1/reports/annual?${query()}`);
  } catch (e) {
    main.append(h('div', { class: 'problem', role: 'alert', id: 'report-error' }, e.text()));
    return;
  }
  document.title = `${report.title} · ${t('app.title')}`;
  const failing = report.checks.filter((c) => !c.ok);

  main.append(statusCard(), checksCard());
  if (admin) {
    main.append(h('nav', { class: 'tabs no-print', id: 'report-views', 'aria-label': t('report.views') },
      ['report', 'inputs'].map((v) => h('a', { id: `view-${v}`, href: `#${address({ view: v })}`, class: view === v ? 'selected' : null,
        'aria-current': view === v ? 'page' : null }, t(`report.view.${v}`)))));
  }
  main.append(view === 'inputs' ? inputsForm() : documentCard());

  // ---- the state of the report: scope, format, lock, amendment, downloads ----
  function statusCard() {
    const lock = report.lock;
    const amendment = report.amendment;
    const lines = [
      h('p', {}, t('report.scope', { body: report.body.name, year: report.year }),
        report.body.subtree ? t('report.scope_subtree', { n: report.body.bodies - 1 }) : '',
        ' · ', t(`report.format.${report.format}`),
        report.format !== report.official_format ? h('span', { class: 'alarm' }, ` ${t('report.not_official', { format: t(`report.format.${report.official_format}`) })}`) : null),
      lock
        ? h('p', { class: 'locked', id: 'lock-state' }, h('strong', {}, t('report.locked')), ' ', t('report.locked_detail', { at: lock.locked_at.slice(0, 16).replace('T', ' '), by: lock.locked_by }),
          lock.subtree ? t('report.locked_subtree') : '')
        : h('p', { class: 'muted', id: 'lock-state' }, t('report.not_locked')),
      h('p', { id: 'checks-summary', class: failing.length ? 'alarm' : 'ok' }, failing.length ? t('report.checks_failed', { n: failing.length }) : t('report.checks_ok')),
    ];
    // named as the server names it (Content-Disposition): the title, its scope and a format not the year's
    const fileName = (type) => `${report.title}${report.body.subtree ? '（含所属机关汇总）' : ''}${report.format !== report.official_format ? FILE_FORMAT[report.format] : ''}.${type}`;
    const link = (type) => h('a', { class: 'button', id: `dl-${type}`, href: `/api/v1/reports/annual?${query({ type })}`, download: fileName(type) }, t(`report.type.${type}`));
    // what a clerk files and publishes first; the data formats in a menu of their own
    const downloads = h('div', { class: 'actions downloads no-print', id: 'report-downloads' },
      h('span', { class: 'muted' }, t('report.download')),
      TYPES.filter((type) => !OTHER_TYPES.includes(type)).map(link),
      h('a', { class: 'button', id: 'dl-print', href: `/api/v1/reports/annual?${query({ type: 'html' })}`, target: '_blank', rel: 'noopener' }, t('report.print')),
      h('details', { class: 'more-formats', id: 'dl-more' }, h('summary', { class: 'button' }, t('report.other_formats')),
        h('div', { class: 'menu' }, OTHER_TYPES.map(link))));
    const card = h('section', { class: `card report-status${lock ? ' is-locked' : ''}`, id: 'report-status', 'aria-labelledby': 'report-h' },
      h('h2', { id: 'report-h' }, report.title), lines,
      amendment ? amendmentBox(amendment) : null, downloads);
    // a year still running cannot have been published
    if (admin && !lock) card.append(year < thisYear ? lockPanel() : h('p', { class: 'hint', id: 'lock-not-yet' }, t('report.lock_not_yet', { year })));
    return card;
  }

  function amendmentBox(a) {
    return h('div', { class: 'amendment', id: 'report-amendment' },
      h('h3', {}, t('report.amended')), h('p', { class: 'hint' }, t('report.amended_hint')),
      (a.overrides || []).length ? h('ul', { id: 'amendment-overrides' }, a.overrides.map((o) => h('li', {},
        t('report.override_line', { at: o.at, actor: o.actor, detail: o.detail, reason: o.reason })))) : null,
      (a.changes || []).length ? h('div', { class: 'scroll' }, h('table', { class: 'list changes', id: 'amendment-changes' },
        h('thead', {}, h('tr', {}, [t('report.change_item'), t('report.change_before'), t('report.change_after')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, a.changes.map((c) => h('tr', {}, h('td', {}, c.label), h('td', { class: 'num' }, c.before), h('td', { class: 'num' }, c.after)))))) : null);
  }

  // Locking cannot be undone: say what it does, and ask to confirm.
  function lockPanel() {
    const confirmBox = h('input', { type: 'checkbox', id: 'lock-confirm' });
    const problem = problemBox('lock-problem');
    const button = h('button', { type: 'button', class: 'primary danger', id: 'lock-go', disabled: true }, t('report.lock_go', { year }));
    const panel = h('div', { class: 'lock-panel', id: 'lock-panel', hidden: true },
      h('p', { class: 'warning', id: 'lock-warning' }, t(subtree ? 'report.lock_warning_subtree' : 'report.lock_warning', { year, body: body.name })),
      failing.length ? h('p', { class: 'alarm' }, t('report.lock_failing', { n: failing.length })) : null,
      h('label', { class: 'inline', for: 'lock-confirm' }, confirmBox, ' ', t('report.lock_confirm', { year, body: body.name })),
      problem, h('div', { class: 'actions' }, button,
        h('button', { type: 'button', id: 'lock-cancel', onclick: () => { panel.hidden = true; open.hidden = false; } }, t('report.cancel'))));
    const open = h('button', { type: 'button', id: 'lock-open', class: 'no-print', onclick: () => { panel.hidden = false; open.hidden = true; confirmBox.focus(); } },
      t('report.lock', { year }));
    confirmBox.addEventListener('change', () => { button.disabled = !confirmBox.checked; });
    button.addEventListener('click', async () => {
      button.disabled = true;
      showProblem(problem, '');
      try {
        await api('POST', `/api/v1/reports/annual/${year}/${bodyId}/lock`, subtree ? { subtree: true } : undefined);
        toast(t('report.locked_ok', { year }));
        navigate({});
      } catch (e) {
        showProblem(problem, e.text());
        button.disabled = !confirmBox.checked;
      }
    });
    return h('div', { class: 'lock no-print' }, open, panel);
  }

  // ---- the checks: the failing first, each with the cells it names ----
  function checksCard() {
    const detail = (c) => (lang === 'en' ? c.detail_en : c.detail) || c.detail;
    const item = (c) => h('li', { class: c.ok ? 'ok' : 'fail', 'data-rule': c.rule },
      h('span', { class: 'mark', 'aria-hidden': 'true' }, c.ok ? '✓' : '✗'), ' ',
      h('strong', {}, t(`check.${c.rule}`)), h('span', { class: 'sr-only' }, ` ${t(c.ok ? 'report.check_ok' : 'report.check_fail')}`), ' ', detail(c),
      !c.ok && (c.cells || []).length ? h('button', { type: 'button', class: 'link', 'data-show': c.rule, onclick: () => showCells(c) }, t('report.show_cells', { n: c.cells.length })) : null);
    const passed = report.checks.filter((c) => c.ok);
    return h('section', { class: `card checks${failing.length ? ' failing' : ''}`, id: 'report-checks', 'aria-labelledby': 'checks-h' },
      h('h2', { id: 'checks-h' }, t('report.checks')),
      failing.length ? h('ul', { class: 'check-list', id: 'checks-failing' }, failing.map(item)) : null,
      h('details', { open: !failing.length }, h('summary', {}, t('report.checks_passed', { n: passed.length })),
        h('ul', { class: 'check-list', id: 'checks-passed' }, passed.map(item))));
  }

  // Takes the user to the cells a check names: in the form when they are
  // figures staff enter, else in the tables.
  function showCells(c) {
    const first = c.cells[0];
    if (first.table === 'proactive' && admin && view !== 'inputs') { navigate({ view: 'inputs' }); return; }
    const target = first.table === 'proactive' && view === 'inputs'
      ? main.querySelector(`.field[data-field^="proactive.${CSS.escape(first.row)}."] input`)
      : main.querySelector(`table.form td.fail[data-rules~="${CSS.escape(c.rule)}"]`);
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    if (target.tagName === 'INPUT') target.focus();
    else { target.classList.add('flash'); setTimeout(() => target.classList.remove('flash'), 1600); }
  }

  // ---- the report as it will be published ----
  function documentCard() {
    const tbl = tables(report);
    const paragraphs = (text, id) => text
      ? text.split('\n').filter((p) => p.trim()).map((p, i) => h('p', { id: i === 0 ? id : null }, p))
      : [h('p', { class: 'missing', id }, t('report.missing'))];
    const items = sectionItems(report.format);
    return h('article', { class: 'card report-doc', id: 'report-doc', lang: 'zh-CN' },
      h('h2', { class: 'doc-title' }, report.title),
      h('p', { id: 'report-intro' }, report.intro),
      report.sections.map((title, i) => {
        const parts = (items[i] || []).map(([kind, key]) => {
          if (kind === 'text') {
            // a section with a sentence or a table says nothing about a missing text of its own
            if (!report.text[key] && (items[i].length > 1)) return null;
            return paragraphs(report.text[key], `text-${key}`);
          }
          if (kind === 'sentence') {
            const s = report.sentences[key];
            return s ? h('p', { id: `sentence-${key}`, class: s.current ? null : 'stale' }, s.text) : null;
          }
          return tbl[key] ? h('div', { class: 'scroll form-wrap' }, tbl[key]) : null;
        });
        const shown = parts.filter(Boolean);
        return h('section', { class: 'doc-section', 'data-section': i },
          h('h3', {}, title), shown.length ? shown : h('p', { class: 'missing' }, t('report.missing')));
      }));
  }

  // ---- what staff enter (admins of the body) ----
  function inputsForm() {
    if (report.format !== report.official_format) {
      return h('section', { class: 'card', id: 'inputs-card' }, h('p', { class: 'warning', id: 'inputs-other-format' },
        t('report.inputs_official_only', { format: t(`report.format.${report.official_format}`) })));
    }
    const store = draft(`report.${year}.${bodyId}`);
    const saved = store.load() || {};
    const inputs = {};
    const problem = problemBox('inputs-problem');
    const fails = failingCells(report);

    // section 二's figures, block by block as on the form
    const blocks = [];
    let current = null;
    for (const row of report.proactive.rows) {
      if (!current || current.item !== row.item) blocks.push(current = { item: row.item, rows: [] });
      current.rows.push(row);
    }
    const figures = blocks.map((b) => h('fieldset', { class: 'block wide' }, h('legend', {}, b.item),
      b.rows.map((row) => h('div', { class: 'figure-row' }, h('div', { class: 'figure-label' }, row.label),
        h('div', { class: 'grid figures' }, row.fields.map((f, k) => {
          const name = `proactive.${row.key}.${f}`;
          const initial = row.values[k] === null || row.values[k] === undefined ? '' : String(row.values[k]);
          const input = h('input', { id: `in-${row.key}-${f}`, name, value: saved[name] ?? initial, autocomplete: 'off',
            inputmode: f === 'amount' ? 'decimal' : f === 'change' ? 'text' : 'numeric', 'data-initial': initial });
          inputs[name] = input;
          const el = field(row.columns[k], input, { name, hint: f === 'amount' ? t('report.hint_amount') : f === 'change' ? t('report.hint_change') : null });
          if (fails.has(`proactive|${row.key}|${k}`) && !input.value) el.classList.add('blank');
          return el;
        }))))));

    const text = (key) => {
      const name = `text.${key}`;
      const input = h('textarea', { id: `in-text-${key}`, name, rows: key === 'proactive' ? 3 : 6, maxlength: MAX_TEXT, value: saved[name] ?? report.text[key] ?? '' });
      inputs[name] = input;
      // the older reports had no table in section 二: its text is the section's text
      const own = key === 'proactive' && report.format === 'legacy' ? 'overview' : key;
      return field(t(`report.text.${own}`), input, { name, wide: true, hint: t(`report.text_hint.${own}`) });
    };

    // a generated paragraph: keep it, or write one's own
    const sentence = (key) => {
      const s = report.sentences[key];
      const name = `sentences.${key}`;
      const input = h('textarea', { id: `in-sentence-${key}`, name, rows: 4, maxlength: MAX_TEXT, value: saved[name] ?? s.text });
      inputs[name] = input;
      const state = h('span', { class: 'tag', id: `sentence-state-${key}` });
      const generated = h('details', { class: 'generated' }, h('summary', {}, t('report.sentence_generated_text')), h('p', { class: 'pre', id: `sentence-generated-${key}` }, s.generated));
      const describe = () => {
        const own = input.value.trim() !== s.generated;
        state.textContent = t(own ? 'report.sentence_own' : 'report.sentence_generated');
        state.className = `tag${own ? ' own' : ''}`;
        generated.hidden = !own;
      };
      input.addEventListener('input', describe);
      const reset = h('button', { type: 'button', class: 'link', id: `sentence-reset-${key}`, onclick: () => { input.value = s.generated; describe(); keep(); input.focus(); } }, t('report.sentence_reset'));
      const f = field(t(`report.sentence.${key}`), input, { name, wide: true, hint: h('span', {}, t('report.sentence_hint'), ' ', reset) });
      f.querySelector('label').append(' ', state);
      if (!s.current) f.prepend(h('p', { class: 'warning', id: `sentence-stale-${key}` }, t('report.sentence_stale')));
      f.append(generated);
      describe();
      return f;
    };

    // the form follows the report, section by section: what staff write,
    // the paragraphs generated from the figures, section 二's figures
    const sections = report.sections.map((title, i) => {
      const parts = [];
      for (const [kind, key] of sectionItems(report.format)[i] || []) {
        if (kind === 'text') parts.push(text(key));
        else if (kind === 'sentence' && report.sentences[key]) parts.push(sentence(key));
        else if (kind === 'table' && key !== 'proactive') parts.push(h('p', { class: 'hint wide' }, t('report.table_counted')));
        if (kind === 'text' && key === 'proactive' && figures.length)
          parts.push(h('p', { class: 'hint wide' }, t(report.format === 'legacy' ? 'report.inputs_figure_legacy' : 'report.inputs_figures_hint')), ...figures);
      }
      return h('fieldset', { class: 'section', 'data-section': i }, h('legend', {}, title), h('div', { class: 'grid' }, parts));
    });

    // a locked year: a change needs an admin's reason, listed in the amendment
    const reason = h('textarea', { id: 'in-override', name: 'override_reason', rows: 2, maxlength: 500, value: saved.override_reason ?? '' });
    inputs.override_reason = reason;
    const reasonField = field(t('report.override_reason'), reason, { name: 'override_reason', wide: true, required: true, hint: t('report.override_hint', { year }) });
    reasonField.hidden = !report.lock;

    const save = h('button', { type: 'submit', class: 'primary', id: 'inputs-save' }, t('report.inputs_save'));
    const form = h('form', { id: 'inputs-form', novalidate: true },
      h('p', { class: 'hint' }, t('report.inputs_sentences_hint')), sections,
      h('div', { class: 'grid' }, reasonField), problem,
      h('div', { class: 'actions' }, save, h('span', { class: 'muted small' }, t('report.inputs_replace'))));
    const keep = () => store.save(Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value])));
    form.addEventListener('input', (e) => {
      const f = e.target.closest('.field');
      if (f) { setFieldError(f, ''); f.classList.remove('blank'); }
      keep();
    });
    form.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); } });

    // a figure as typed: a number when it reads as one, else the text itself,
    // so that the API names what is wrong with it
    const figure = (v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      keep();
      clearErrors(form);
      showProblem(problem, '');
      const out = { proactive: {}, text: {}, sentences: {} };
      for (const row of report.proactive.rows) {
        const values = {};
        for (const f of row.fields) {
          const v = inputs[`proactive.${row.key}.${f}`].value.trim();
          if (v !== '') values[f] = figure(v);
        }
        if (Object.keys(values).length) out.proactive[row.key] = values;
      }
      for (const key of TEXTS) {
        const v = inputs[`text.${key}`].value.trim();
        if (v) out.text[key] = v;
      }
      for (const key of SENTENCES) {
        const input = inputs[`sentences.${key}`];
        if (!input) continue;
        const v = input.value.trim();
        out.sentences[key] = v && v !== report.sentences[key].generated ? v : null;
      }
      if (!reasonField.hidden) out.override_reason = reason.value.trim();
      save.disabled = true;
      try {
        await api('PUT', `/api/v1/reports/annual/${year}/${bodyId}/inputs`, out);
        store.clear();
        toast(t('report.inputs_saved'));
        navigate({ view: 'report' });
      } catch (e) {
        save.disabled = false;
        if (e.code === 'year_locked' || e.code === 'override_reason_required') {
          reasonField.hidden = false;
          setFieldError(reasonField, e.code === 'year_locked' ? t('report.override_needed', { year }) : e.text());
          reason.focus();
          return;
        }
        const rest = showFieldErrors(form, e.problem);
        if (rest.length || !e.problem?.errors) {
          showProblem(problem, [e.text(), ...rest.map((x) => `${x.field}: ${errorMessage(x)}`)].join(lang === 'en' ? '; ' : '；'));
          if (!form.querySelector('.field.invalid')) problem.focus();
        }
      }
    });
    // what was typed and not saved comes back; it can be dropped
    if (Object.keys(saved).length) {
      form.prepend(h('p', { class: 'warning', id: 'inputs-draft' }, t('report.inputs_draft'), ' ',
        h('button', { type: 'button', class: 'link', id: 'inputs-discard', onclick: () => { store.clear(); navigate({}); } }, t('report.inputs_discard'))));
    }
    return h('section', { class: 'card', id: 'inputs-card', 'aria-labelledby': 'inputs-h' },
      h('h2', { id: 'inputs-h' }, t('report.view.inputs')), h('p', { class: 'muted' }, t('report.inputs_intro', { year, body: body.name }),
        report.inputs ? ` ${t('report.inputs_updated', { by: report.inputs.updated_by, at: report.inputs.updated_at.slice(0, 16).replace('T', ' ') })}` : ''), form);
  }
}
