// The REST API client: one place for credentials, CSRF, problem+json errors and session expiry.
//
// Sign-in uses the portal session (POST /api/v1/session, an HttpOnly cookie, X-CSRF-Token on every
// state-changing request). The page never holds the password after signing in.

const BASE = '/api/v1';

/** An API failure, with the server's problem+json (title, detail, parameter) when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.status = status;
    this.title = problem?.title || (status === 0 ? 'The server cannot be reached' : `Request failed (${status})`);
    this.detail = problem?.detail || (status === 0 ? 'Check your connection and try again.' : '');
    this.parameter = problem?.parameter;
  }
  /** The endpoint does not exist on this server (yet). */
  get missing() {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

const state = {
  csrf: null,
};

/** The viewer's time zone, sent with every dashboard request so days and timestamps match the viewer. */
export const zone = (() => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
})();

function expired() {
  window.dispatchEvent(new CustomEvent('sl-session-expired'));
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Calls the API. Resolves to the parsed JSON (or null for 204); rejects with an ApiError.
 * A 401 on anything but the sign-in itself ends the session: the page goes back to sign-in.
 */
export async function api(path, { method = 'GET', body, params, signal, raw = false, quiet401 = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'sightline' };
  if (method !== 'GET' && method !== 'HEAD' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  let payload = body;
  if (body !== undefined && !(body instanceof Blob) && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (body instanceof Blob && body.type) {
    headers['Content-Type'] = body.type;
  }
  let r;
  try {
    r = await fetch(BASE + path + query(params), {
      method, headers, body: payload, signal, credentials: 'same-origin', cache: 'no-store',
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, null);
  }
  if (r.status === 401 && !quiet401) {
    expired();
  }
  if (!r.ok) {
    let problem = null;
    try {
      const type = r.headers.get('Content-Type') || '';
      if (type.includes('json')) problem = await r.json();
    } catch {
      // not JSON
    }
    throw new ApiError(r.status, problem);
  }
  if (raw) return r;
  if (r.status === 204 || r.headers.get('Content-Length') === '0') return null;
  const type = r.headers.get('Content-Type') || '';
  return type.includes('json') ? r.json() : null;
}

function normalise(s, fallbackUser) {
  return {
    user: s.user || fallbackUser,
    displayName: s.displayName || s.user || fallbackUser,
    partner: s.partner || null,
    roles: s.roles || [],
    permissions: s.permissions || [],
    csrfToken: s.csrfToken || null,
  };
}

/** The current session, or null when nobody is signed in. */
export async function currentSession() {
  try {
    const s = await api('/session', { quiet401: true });
    state.csrf = s.csrfToken || null;
    return normalise(s);
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

/** Signs in; resolves to the session or rejects with an ApiError (401 for wrong credentials). */
export async function signIn(username, password) {
  state.csrf = null;
  const s = await api('/session', { method: 'POST', body: { username, password }, quiet401: true });
  const session = s && s.permissions ? s : await api('/session', { quiet401: true });
  state.csrf = session.csrfToken || null;
  return normalise(session, username);
}

/** Signs out (ends the server session) and forgets credentials. */
export async function signOut() {
  try {
    await api('/session', { method: 'DELETE', quiet401: true });
  } catch {
    // signed out either way
  } finally {
    state.csrf = null;
  }
}

/** Downloads an API resource (an export) as a file, with the same credentials as every request. */
export async function download(path, params, fallbackName) {
  const r = await api(path, { params, raw: true });
  const blob = await r.blob();
  const cd = r.headers.get('Content-Disposition') || '';
  const m = /filename="?([^";]+)"?/i.exec(cd);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = m ? m[1] : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 30_000);
}
