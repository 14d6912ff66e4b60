// 科室（社区）: the body's units a request is assigned to (GET/PUT
// /api/v1/bodies/{id}/units), one a line, in the order the 承办 form offers
// them.  For the body's administrators, on the settings page.
import { api } from '../api.js';
import { h, toast } from '../dom.js';
import { t } from '../i18n.js';
import { field, setFieldError, problemBox, showProblem, errorMessage } from './common.js';

export async function unitsCard(id) {
  const units = (await api('GET', `/api/v1/bodies/${id}/units`)).data.units;
  const area = h('textarea', { name: 'units', id: 's-units', rows: 6, value: units.join('\n'), placeholder: t('units.placeholder') });
  const problem = problemBox('units-problem');
  const save = h('button', { class: 'primary', type: 'submit', id: 'units-save' }, t('units.save'));
  const f = field(t('units.label'), area, { hint: t('units.hint'), wide: true });
  const form = h('form', { id: 'units-form', novalidate: true }, f, problem, h('div', { class: 'actions' }, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    setFieldError(f, '');
    showProblem(problem, '');
    const list = area.value.split('\n').map((x) => x.trim()).filter(Boolean);
    save.disabled = true;
    try {
      const r = await api('PUT', `/api/v1/bodies/${id}/units`, { units: list });
      area.value = r.data.units.join('\n');
      toast(t('units.saved'));
    } catch (err) {
      // the server names units[i]: say which line
      const bad = err.problem?.errors?.[0];
      const line = bad?.field?.match(/^units\[(\d+)\]$/);
      if (bad) setFieldError(f, line ? t('units.line', { n: Number(line[1]) + 1, msg: errorMessage(bad) }) : errorMessage(bad));
      else showProblem(problem, err.text());
    } finally {
      save.disabled = false;
    }
  });
  return h('section', { class: 'card', id: 'units-card', 'aria-labelledby': 'units-h' },
    h('h2', { id: 'units-h' }, t('units.title')), h('p', { class: 'hint' }, t('units.intro')), form);
}
