// The REST API client: one place for credentials, CSRF, problem+json errors and session expiry.
//
// Sign-in uses the portal session (POST /api/v1/session, an HttpOnly cookie, X-CSRF-Token on every
// state-changing request). A server without the session endpoint still works: the page then falls back
// to HTTP Basic with the credentials held for this browser tab only.

const BASE = '/api/v1';
const BASIC_KEY = 'sightline.basic';

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
  basic: null,
  mode: 'session',
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
  if (state.basic) headers.Authorization = `Basic ${state.basic}`;
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

function b64(s) {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
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
    state.mode = 'session';
    state.csrf = s.csrfToken || null;
    return normalise(s);
  } catch (e) {
    if (e.status === 401) {
      if (!e.missing) sessionStorage.removeItem(BASIC_KEY);
      return null;
    }
    if (!e.missing) throw e;
  }
  // No session endpoint on this server: HTTP Basic, remembered for this tab only.
  const saved = sessionStorage.getItem(BASIC_KEY);
  if (!saved) return null;
  state.basic = saved;
  state.mode = 'basic';
  try {
    return await basicSession(new TextDecoder().decode(Uint8Array.from(atob(saved), (c) => c.charCodeAt(0))).split(':')[0]);
  } catch (e) {
    if (e.status === 401) {
      state.basic = null;
      sessionStorage.removeItem(BASIC_KEY);
      return null;
    }
    throw e;
  }
}

async function basicSession(user) {
  await api('/products', { quiet401: true });
  const permissions = ['customer.read', 'usage.read'];
  try {
    await api('/admin/widgets', { quiet401: true });
    permissions.push('server.admin', 'customer.act');
  } catch (e) {
    if (e.status === 401) throw e;
  }
  return normalise({ user, permissions, roles: [] }, user);
}

/** Signs in; resolves to the session or rejects with an ApiError (401 for wrong credentials). */
export async function signIn(username, password) {
  state.basic = null;
  state.csrf = null;
  try {
    const s = await api('/session', { method: 'POST', body: { username, password }, quiet401: true });
    state.mode = 'session';
    const session = s && s.permissions ? s : await api('/session', { quiet401: true });
    state.csrf = session.csrfToken || null;
    return normalise(session, username);
  } catch (e) {
    if (!e.missing) throw e;
  }
  state.basic = b64(`${username}:${password}`);
  state.mode = 'basic';
  try {
    const s = await basicSession(username);
    sessionStorage.setItem(BASIC_KEY, state.basic);
    return s;
  } catch (e) {
    state.basic = null;
    throw e;
  }
}

/** Signs out (ends the server session) and forgets credentials. */
export async function signOut() {
  try {
    if (state.mode === 'session') await api('/session', { method: 'DELETE', quiet401: true });
  } catch {
    // signed out either way
  } finally {
    state.csrf = null;
    state.basic = null;
    sessionStorage.removeItem(BASIC_KEY);
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
