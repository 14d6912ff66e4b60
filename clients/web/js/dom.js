// Small DOM helpers.  Elements are built, never parsed from strings (the
// Content-Security-Policy requires Trusted Types for HTML sinks), so nothing
// a user typed can become markup.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value' && (tag === 'input' || tag === 'textarea' || tag === 'select')) el.value = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  if (tag === 'select' && attrs && attrs.value !== undefined && attrs.value !== null) el.value = attrs.value;
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

// A toast speaks about the page it was shown on, or about the page a
// navigation started in the same turn leads to (saved → back to the queue);
// any later navigation takes it away (app.js render → toastLeaves).
const pathOf = (hash) => hash.split('?')[0];
export function toast(msg) {
  const el = document.getElementById('toast');
  el.textContent = msg;
  el.classList.add('show');
  el.dataset.page = pathOf(location.hash);
  toast.fresh = true;
  queueMicrotask(() => { toast.fresh = false; });
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('show'), 4000);
}
// The page at hash is being shown: a toast of another page goes, one just
// shown before navigating there stays.
export function toastLeaves(hash, navigating) {
  const el = document.getElementById('toast');
  if (!el.classList.contains('show')) return;
  if (navigating && toast.fresh) el.dataset.page = pathOf(hash);
  else if (!navigating && el.dataset.page !== pathOf(hash)) el.classList.remove('show');
}

// A <select>: options are [value, label] pairs, or {group, options} for an <optgroup>.
export function select(name, options, value, attrs = {}) {
  const opt = ([v, label]) => h('option', { value: v }, label);
  const el = h('select', { name, id: attrs.id || name, ...attrs },
    options.map((o) => (Array.isArray(o) ? opt(o) : h('optgroup', { label: o.group }, o.options.map(opt)))));
  if (value !== undefined && value !== null) el.value = value;
  return el;
}
