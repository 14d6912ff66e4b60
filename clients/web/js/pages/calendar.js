// The working-day calendar: a year's days off and make-up working days (调休)
// on a month grid, which years are loaded, and the desk calculator ("N
// working days after D").  Admins of a top-level body (the calendar is the
// whole deployment's) edit a day (PUT /calendar/days/{date}) and import a
// holiday-cn JSON or iCalendar file; every open request's due date follows at
// once, and the page says how many moved.  Others, a street office's admin
// too, read only.
import { api, get } from '../api.js';
import { h, clear, toast } from '../dom.js';
import { t } from '../i18n.js';
import { canAny, go, session, today } from '../app.js';
import { field, setFieldError, showFieldErrors, clearErrors, problemBox, showProblem, dateWithWeekday, skippedSummary, WEEKDAYS, weekday, errorMessage } from './common.js';

const pad = (n) => String(n).padStart(2, '0');

export async function render(main, args) {
  const thisYear = Number(today().slice(0, 4));
  const year = /^\d{4}$/.test(args[0] || '') ? Number(args[0]) : thisYear;
  const admin = session.calendarAdmin;
  const cal = await get(`/api/v1/calendar/${year}`);
  const days = new Map(cal.days.map((d) => [d.date, d]));

  const yearNav = h('nav', { class: 'year-nav', 'aria-label': t('cal.years') },
    h('a', { class: 'button', href: `#/calendar/${year - 1}`, id: 'cal-prev', 'aria-label': t('cal.prev') }, `‹ ${year - 1}`),
    h('strong', { class: 'year', id: 'cal-year' }, t('cal.year', { year })),
    h('a', { class: 'button', href: `#/calendar/${year + 1}`, id: 'cal-next', 'aria-label': t('cal.next') }, `${year + 1} ›`));
  const loaded = cal.loaded_years || [];
  // every loaded year, and the next one after them: the year an admin will have to import
  const first = Math.min(2008, year, ...loaded), last = Math.max(thisYear + 1, year, ...loaded.map((y) => y + 1));
  const chips = [];
  for (let y = first; y <= last; y++)
    chips.push(h('a', { href: `#/calendar/${y}`, class: `chip ${loaded.includes(y) ? 'loaded' : 'missing'}${y === year ? ' current' : ''}`,
      title: t(loaded.includes(y) ? 'cal.loaded' : 'cal.not_loaded'), 'aria-current': y === year ? 'page' : null }, String(y)));

  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('cal.title')), yearNav),
    h('div', { class: `card banner ${cal.loaded ? 'ok' : 'alarm'}`, id: 'cal-status' },
      cal.loaded ? t('cal.status_loaded', { year, source: cal.source || '—', n: cal.workdays }) : t('cal.status_missing', { year })),
    h('div', { class: 'chips', id: 'cal-years', 'aria-label': t('cal.years') }, h('span', { class: 'muted' }, t('cal.years_label')), chips,
      h('span', { class: 'legend' }, h('span', { class: 'chip loaded' }, t('cal.loaded')), h('span', { class: 'chip missing' }, t('cal.not_loaded')))),
    h('div', { class: 'legend days-legend' },
      h('span', { class: 'key off' }, t('cal.off')), h('span', { class: 'key makeup' }, t('cal.makeup')), h('span', { class: 'key weekend' }, t('cal.weekend')),
      admin ? h('span', { class: 'muted' }, t('cal.click_to_edit'))
        : h('span', { class: 'muted', id: 'cal-readonly' }, t(canAny('admin') ? 'cal.read_only_admin' : 'cal.read_only'))));

  const editor = admin ? dayEditor() : null;
  const grid = h('div', { class: 'month-grid', id: 'month-grid' });
  for (let m = 1; m <= 12; m++) grid.append(month(m));
  if (editor) main.append(editor.card);
  main.append(grid);
  main.append(h('div', { class: 'grid two' }, calculator(), admin ? importer() : null));

  function month(m) {
    const firstDay = `${year}-${pad(m)}-01`;
    const n = new Date(Date.UTC(year, m, 0)).getUTCDate();
    const cells = [];
    for (let i = 0; i < weekday(firstDay); i++) cells.push(h('td', { class: 'pad' }));
    for (let d = 1; d <= n; d++) {
      const date = `${year}-${pad(m)}-${pad(d)}`;
      const ex = days.get(date);
      const wd = weekday(date);
      const kind = ex ? (ex.kind === 'holiday' ? 'off' : 'makeup') : wd >= 5 ? 'weekend' : 'work';
      const label = `${date} ${t(`cal.kind.${kind}`)}${ex?.name ? ` ${ex.name}` : ''}`;
      const content = admin
        ? h('button', { type: 'button', 'data-date': date, 'aria-label': label, title: label, onclick: () => editor.open(date, ex) }, String(d))
        : h('span', { 'data-date': date, title: label, 'aria-label': label }, String(d));
      cells.push(h('td', { class: `${kind}${date === today() ? ' today' : ''}` }, content, ex?.name ? h('span', { class: 'dot', 'aria-hidden': 'true' }) : null));
    }
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(h('tr', {}, cells.slice(i, i + 7)));
    const named = [...new Set(cal.days.filter((x) => x.date.startsWith(`${year}-${pad(m)}`) && x.kind === 'holiday').map((x) => x.name))];
    return h('section', { class: 'month card', 'aria-label': t(`month.${m}`) },
      h('h2', {}, t(`month.${m}`), named.length ? h('span', { class: 'muted small' }, ` ${named.join('、')}`) : null),
      h('table', {}, h('thead', {}, h('tr', {}, WEEKDAYS.map((w) => h('th', { scope: 'col', abbr: t(`wd.${w}`) }, t(`wdshort.${w}`))))), h('tbody', {}, rows)));
  }

  function dayEditor() {
    const date = h('input', { type: 'date', id: 'day-date', name: 'date', min: '1990-01-01', max: '2100-12-31' });
    const kind = h('select', { id: 'day-kind', name: 'kind' }, ['holiday', 'workday', 'rule'].map((k) => h('option', { value: k }, t(`cal.edit.${k}`))));
    const name = h('input', { id: 'day-name', name: 'name', maxlength: 60 });
    const problem = problemBox('day-problem');
    const now = h('p', { class: 'hint', id: 'day-now' });
    const save = h('button', { class: 'primary', type: 'submit', id: 'day-save' }, t('common.save'));
    const form = h('form', { id: 'day-form', novalidate: true },
      h('div', { class: 'grid' }, field(t('cal.edit.date'), date, { name: 'date' }), field(t('cal.edit.kind'), kind), field(t('cal.edit.name'), name, { hint: t('cal.edit.name_hint') })),
      now, h('p', { class: 'warning' }, t('cal.edit.warning')), problem,
      h('div', { class: 'actions' }, save));
    const card = h('section', { class: 'card', id: 'day-editor', 'aria-labelledby': 'day-editor-h' }, h('h2', { id: 'day-editor-h' }, t('cal.edit.title')), form);
    function describe() {
      const d = date.value;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) { now.textContent = ''; return; }
      const ex = d.startsWith(String(year)) ? days.get(d) : null;
      now.textContent = t('cal.edit.now', { date: dateWithWeekday(d), kind: t(`cal.kind.${ex ? (ex.kind === 'holiday' ? 'off' : 'makeup') : weekday(d) >= 5 ? 'weekend' : 'work'}`) + (ex?.name ? ` ${ex.name}` : '') });
    }
    date.addEventListener('input', describe);
    kind.addEventListener('change', () => { name.closest('.field').hidden = kind.value === 'rule'; });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      showProblem(problem, '');
      const body = { kind: kind.value };
      if (kind.value !== 'rule') body.name = name.value.trim();
      save.disabled = true;
      try {
        const r = (await api('PUT', `/api/v1/calendar/days/${encodeURIComponent(date.value || 'none')}`, body)).data;
        toast(t('cal.edit.saved', { date: r.date, n: r.requests_moved }));
        sessionStorage.setItem('ogi.calendar.result', t('cal.edit.saved', { date: r.date, n: r.requests_moved }));
        go(`/calendar/${r.date.slice(0, 4)}`);
      } catch (e) {
        const rest = showFieldErrors(form, e.problem);
        if (rest.length || !e.problem?.errors) showProblem(problem, [e.text(), ...rest.map(errorMessage)].join('；'));
      } finally { save.disabled = false; }
    });
    return {
      card,
      open(d, ex) {
        date.value = d;
        kind.value = ex ? ex.kind : weekday(d) >= 5 ? 'workday' : 'holiday';
        name.value = ex?.name || '';
        name.closest('.field').hidden = false;
        describe();
        card.scrollIntoView({ block: 'nearest' });
        kind.focus();
      },
    };
  }

  function calculator() {
    const from = h('input', { type: 'date', id: 'calc-from', value: today(), min: '1990-01-01', max: '2100-12-31' });
    const n = h('input', { type: 'number', id: 'calc-days', value: '20', min: 0, max: 10000, inputmode: 'numeric' });
    const out = h('div', { id: 'calc-result', 'aria-live': 'polite' });
    const form = h('form', { id: 'calc-form', novalidate: true },
      h('div', { class: 'grid' }, field(t('cal.calc.from'), from, { name: 'from' }), field(t('cal.calc.days'), n, { name: 'days' })),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'calc-go' }, t('cal.calc.go'))), out);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      clear(out);
      try {
        const r = await get(`/api/v1/workdays/add?from=${encodeURIComponent(from.value)}&days=${encodeURIComponent(n.value)}`);
        out.append(h('div', { class: 'due-big' }, dateWithWeekday(r.date)),
          h('p', { class: 'hint' }, t('cal.calc.rule', { from: r.from, n: r.days })),
          h('p', { class: 'hint' }, skippedSummary(r.skipped, r.makeup_counted)),
          r.provisional ? h('p', { class: 'alarm' }, t('request.provisional')) : null);
      } catch (e) {
        const rest = showFieldErrors(form, e.problem);
        if (rest.length || !e.problem?.errors) out.append(h('p', { class: 'problem' }, e.text()));
      }
    });
    return h('section', { class: 'card', id: 'calculator', 'aria-labelledby': 'calc-h' }, h('h2', { id: 'calc-h' }, t('cal.calc.title')),
      h('p', { class: 'muted' }, t('cal.calc.intro')), form);
  }

  function importer() {
    const file = h('input', { type: 'file', id: 'import-file', name: 'file', accept: '.json,.ics,application/json,text/calendar' });
    const problem = problemBox('import-problem');
    const result = h('p', { id: 'import-result', class: 'ok', 'aria-live': 'polite' });
    const go_ = h('button', { type: 'submit', class: 'primary', id: 'import-go' }, t('cal.import.go'));
    const form = h('form', { id: 'import-form', novalidate: true },
      field(t('cal.import.file'), file, { name: 'file', hint: t('cal.import.hint') }),
      h('p', { class: 'warning' }, t('cal.edit.warning')), problem, h('div', { class: 'actions' }, go_), result);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      showProblem(problem, '');
      result.textContent = '';
      const f = file.files[0];
      if (!f) { setFieldError(file.closest('.field'), t('cal.import.choose')); file.focus(); return; }
      const ics = /\.ics$/i.test(f.name) || f.type === 'text/calendar';
      go_.disabled = true;
      try {
        const r = (await api('POST', '/api/v1/calendar/import', await f.text(), { 'Content-Type': ics ? 'text/calendar' : 'application/json' })).data;
        const msg = t('cal.import.done', { years: r.years.join('、'), days: r.days_stored, n: r.requests_moved });
        sessionStorage.setItem('ogi.calendar.result', msg);
        toast(msg);
        go(`/calendar/${r.years[0] ?? year}`);
      } catch (e) {
        const rest = showFieldErrors(form, e.problem);
        if (rest.length || !e.problem?.errors) showProblem(problem, e.text());
      } finally { go_.disabled = false; }
    });
    return h('section', { class: 'card', id: 'importer', 'aria-labelledby': 'import-h' }, h('h2', { id: 'import-h' }, t('cal.import.title')), form);
  }

  // the outcome of the last edit or import, shown once after the page reloads
  const result = sessionStorage.getItem('ogi.calendar.result');
  if (result) {
    sessionStorage.removeItem('ogi.calendar.result');
    main.querySelector('#cal-status').after(h('p', { class: 'card banner ok', id: 'cal-result', role: 'status' }, result));
  }
}
