// The JSON API client: same-origin cookies, the language asked for, and
// problem+json turned into errors that name their fields.
import { lang, t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
  get code() { return this.problem.code; }
  fieldErrors() { return this.problem.errors || []; }
  // One line for the user: the title in the interface's language, and in
  // English the detail too (the API writes details in English).
  text() {
    if (this.status === 0) return t('err.network');
    const title = (lang === 'en' ? this.problem.title_en : this.problem.title_zh) || this.problem.title || t('err.generic');
    return lang === 'en' && this.problem.detail ? `${title}: ${this.problem.detail}` : title;
  }
}

let onUnauthenticated = () => {};
export function setUnauthenticatedHandler(fn) { onUnauthenticated = fn; }

export async function api(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN', ...headers }, credentials: 'same-origin' };
  if (body !== undefined) {
    // a string or a file goes as it is (its Content-Type in headers), anything else as JSON
    if (typeof body === 'string' || body instanceof Blob) init.body = body;
    else { init.body = JSON.stringify(body); init.headers['Content-Type'] = 'application/json'; }
  }
  let r;
  try { r = await fetch(path, init); } catch { throw new ApiError(0, { code: 'network' }); }
  const text = await r.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch { data = null; } }
  if (!r.ok) {
    if (r.status === 401 && path !== '/api/v1/session') onUnauthenticated();
    throw new ApiError(r.status, data);
  }
  return { data, etag: r.headers.get('ETag'), status: r.status };
}

export const get = (p) => api('GET', p).then((r) => r.data);
