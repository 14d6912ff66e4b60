// The first start names the office 「本机关」 for want of anything better;
// letters need its full name.  While an office the caller administers is
// still called so, a dialog asks for the real name once in a tab ("later"
// puts it off until the next login) and saves it (PUT /api/v1/bodies/{id},
// the office's other settings kept as they are).
import { api } from '../api.js';
import { h, toast } from '../dom.js';
import { t } from '../i18n.js';
import { can, loadSession, render, session } from '../app.js';
import { field, setFieldError, errorMessage } from './common.js';
import { storedOf } from './settings.js';

const FIRST_NAME = '本机关';
const LATER = 'ogi.nameprompt.later';
let open = false;

export function maybeAsk() {
  if (open || sessionStorage.getItem(LATER)) return;
  const body = session.bodies.find((b) => b.name === FIRST_NAME && can('admin', b.id));
  if (!body) return;
  open = true;
  const input = h('input', { name: 'name', id: 'nameprompt-name', maxlength: 200, required: true, autocomplete: 'organization', placeholder: t('nameprompt.example') });
  const nameField = field(t('settings.name'), input, { required: true, hint: t('settings.name_hint') });
  const save = h('button', { class: 'primary', type: 'submit', id: 'nameprompt-save' }, t('nameprompt.save'));
  const later = h('button', { type: 'button', id: 'nameprompt-later' }, t('nameprompt.later'));
  const dialog = h('dialog', { id: 'name-prompt', 'aria-labelledby': 'nameprompt-h' },
    h('form', { id: 'nameprompt-form', novalidate: true },
      h('h2', { id: 'nameprompt-h' }, t('nameprompt.title')), h('p', {}, t('nameprompt.intro')),
      nameField, h('div', { class: 'actions' }, save, later)));
  const close = () => { dialog.close(); dialog.remove(); open = false; };
  later.addEventListener('click', () => { sessionStorage.setItem(LATER, '1'); close(); });
  dialog.addEventListener('cancel', () => sessionStorage.setItem(LATER, '1')); // Esc: later
  dialog.addEventListener('close', () => { if (dialog.isConnected) { dialog.remove(); open = false; } });
  dialog.querySelector('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    setFieldError(nameField, '');
    const name = input.value.trim();
    if (!name) { setFieldError(nameField, t('err.required')); input.focus(); return; }
    save.disabled = true;
    try {
      const current = await api('GET', `/api/v1/bodies/${body.id}`);
      await api('PUT', `/api/v1/bodies/${body.id}`, { ...storedOf(current.data), name }, { 'If-Match': current.etag });
      await loadSession();
      close();
      toast(t('nameprompt.saved', { name }));
      render();
    } catch (e) {
      const mine = (e.problem?.errors || []).filter((x) => x.field === 'name');
      setFieldError(nameField, mine.length ? mine.map(errorMessage).join('；') : e.text());
      input.focus();
    } finally { save.disabled = false; }
  });
  document.body.append(dialog);
  dialog.showModal();
  input.focus();
}
