// The JSON API client: same-origin cookies, problem+json turned into errors
// that name their fields.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status; this.problem = problem || {};
  }
  get code() { return this.problem.code; }
  fieldErrors() { return this.problem.errors || []; }
}
let onUnauthenticated = () => {};
export function setUnauthenticatedHandler(fn) { onUnauthenticated = fn; }

export async function api(method, path, body, headers = {}) {
  const init = { method, headers: { 'Accept': 'application/json', ...headers }, credentials: 'same-origin' };
  const lang = localStorage.getItem('ogi.lang') === 'en' ? 'en' : 'zh-CN';
  init.headers['Accept-Language'] = lang;
  if (body !== undefined) { init.body = JSON.stringify(body); init.headers['Content-Type'] = 'application/json'; }
  let r;
  try { r = await fetch(path, init); } catch (e) { throw new ApiError(0, { code: 'network' }); }
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
