// The application shell: sign-in, the top bar, and routing between the pages.
//   /                    customers
//   /customers/<id>      a customer's overview;  ?product=<id> its product page;  &range=7d|30d|90d
//   /admin               operators' page
//   /sign-in             sign-in (?expired=1 after the session ended)
import { html, nothing } from 'lit';
import { LightElement, navigate, session, PERMISSIONS } from './base.js';
import { currentSession, signIn, signOut, ApiError } from './api.js';
import { icon } from './icons.js';
import { initials } from './format.js';
import './customers.js';
import './dashboard.js';

class SignIn extends LightElement {
  static properties = { busy: { state: true }, error: { state: true }, notice: {} };

  async submit(e) {
    e.preventDefault();
    const form = new FormData(e.target);
    const user = String(form.get('username') || '').trim();
    const password = String(form.get('password') || '');
    if (!user || !password) {
      this.error = 'Enter your user name and password.';
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const s = await signIn(user, password);
      this.dispatchEvent(new CustomEvent('signed-in', { detail: s, bubbles: true }));
    } catch (err) {
      this.error = err instanceof ApiError && err.status === 401 ? 'That user name and password do not match. Try again.'
        : err.status === 429 ? 'Too many attempts. Wait a minute, then try again.'
          : err.status === 403 ? 'This account may not use the portal.'
            : `${err.title}${err.detail ? `: ${err.detail}` : ''}`;
      this.busy = false;
      await this.updateComplete;
      this.querySelector('input[name=password]')?.select();
    }
  }

  firstUpdated() {
    this.querySelector('input[name=username]')?.focus();
  }

  render() {
    return html`<div class="signin">
      <div class="signin-card">
        <div class="brand large">${brandMark()}<span>Sightline</span></div>
        <h1 id="page-title" tabindex="-1">Sign in</h1>
        <p class="page-lead">Your customers, their services and usage in one place.</p>
        ${this.notice ? html`<p class="notice" role="status">${icon('info', 'icon small')}${this.notice}</p>` : nothing}
        <form @submit=${(e) => this.submit(e)} novalidate>
          <label class="field"><span>User name</span>
            <input class="input" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required></label>
          <label class="field"><span>Password</span>
            <input class="input" name="password" type="password" autocomplete="current-password" required></label>
          ${this.error ? html`<p class="form-error" role="alert">${icon('alert', 'icon small')}${this.error}</p>` : nothing}
          <button class="button primary block" type="submit" ?disabled=${this.busy}>${this.busy ? 'Signing in…' : 'Sign in'}</button>
        </form>
      </div>
    </div>`;
  }
}
customElements.define('sl-sign-in', SignIn);

function brandMark() {
  return html`<svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8" fill="#2f4fd6"/>
    <path d="M6 17c3.2-5.3 6.5-8 10-8s6.8 2.7 10 8c-3.2 5.3-6.5 8-10 8s-6.8-2.7-10-8z" fill="none" stroke="#fff" stroke-width="2.2" stroke-linejoin="round"/>
    <circle cx="16" cy="17" r="3.6" fill="#9fe3d2"/></svg>`;
}

function route() {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const q = new URLSearchParams(location.search);
  let m;
  if (path === '/sign-in') return { page: 'sign-in', expired: q.get('expired') === '1', next: q.get('next') };
  if (path === '/' || path === '/customers') return { page: 'customers' };
  if ((m = /^\/customers\/(\d+)$/.exec(path))) {
    return { page: 'customer', id: Number(m[1]), product: q.get('product') || null, range: q.get('range') || '30d' };
  }
  if (path === '/admin') return { page: 'admin' };
  return { page: 'not-found' };
}

class App extends LightElement {
  static properties = { ready: { state: true }, route: { state: true }, bootError: { state: true } };

  constructor() {
    super();
    this.route = route();
    this.onNavigate = () => this.go();
    this.onExpired = () => {
      if (!session.current) return;
      session.current = null;
      const next = location.pathname + location.search;
      navigate(`/sign-in?expired=1&next=${encodeURIComponent(next)}`, { replace: true });
    };
    this.onClick = (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = e.target.closest('a[href]');
      if (!a || a.target || a.hasAttribute('download')) return;
      const href = a.getAttribute('href');
      if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/') || href.startsWith('/assets/')) return;
      e.preventDefault();
      navigate(href);
    };
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('popstate', this.onNavigate);
    window.addEventListener('sl-navigate', this.onNavigate);
    window.addEventListener('sl-session-expired', this.onExpired);
    document.addEventListener('click', this.onClick);
    this.boot();
  }

  async boot() {
    try {
      session.current = await currentSession();
    } catch (e) {
      this.bootError = e;
    }
    this.ready = true;
    this.go(true);
  }

  go(initial = false) {
    const r = route();
    if (!session.current && r.page !== 'sign-in' && !this.bootError) {
      const next = location.pathname + location.search;
      history.replaceState(null, '', next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
      this.route = route();
    } else if (session.current && r.page === 'sign-in') {
      history.replaceState(null, '', r.next && r.next.startsWith('/') && !r.next.startsWith('//') ? r.next : '/');
      this.route = route();
    } else {
      this.route = r;
    }
    if (!initial) {
      this.updateComplete.then(() => {
        const h = this.querySelector('#page-title');
        if (h) h.focus({ preventScroll: true });
        window.scrollTo(0, 0);
      });
    }
  }

  onSignedIn(e) {
    session.current = e.detail;
    const next = this.route.next;
    navigate(next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/', { replace: true });
  }

  async doSignOut() {
    await signOut();
    session.current = null;
    navigate('/sign-in', { replace: true });
  }

  topBar() {
    const s = session.current;
    const page = this.route.page;
    return html`<header class="topbar">
      <a class="brand" href="/" aria-label="Sightline home">${brandMark()}<span>Sightline</span></a>
      <nav class="topnav" aria-label="Main">
        <a href="/" class="topnav-link" aria-current=${page === 'customers' || page === 'customer' ? 'page' : 'false'}>${icon('users', 'icon small')}<span>Customers</span></a>
        ${session.can(PERMISSIONS.admin) ? html`<a href="/admin" class="topnav-link" aria-current=${page === 'admin' ? 'page' : 'false'}>${icon('settings', 'icon small')}<span>Administration</span></a>` : nothing}
      </nav>
      <div class="topbar-end">
        ${s.partner?.name ? html`<span class="partner-name">${s.partner.name}${s.partner.viewOnly ? html` <span class="badge badge-info">View only</span>` : nothing}</span>` : nothing}
        <sl-menu class="user-menu" label=${`Account: ${s.displayName}`} text=${s.displayName} .items=${[
          { id: 'who', label: `${s.displayName}${s.roles?.length ? ` · ${s.roles.filter((r) => !r.startsWith('_')).join(', ')}` : ''}`, icon: 'user', run: () => {} },
          { separator: true },
          { id: 'sign-out', label: 'Sign out', icon: 'signOut', run: () => this.doSignOut() },
        ]}></sl-menu>
        <span class="user-avatar" aria-hidden="true">${initials(s.displayName)}</span>
      </div>
    </header>`;
  }

  page() {
    const r = this.route;
    switch (r.page) {
      case 'customers':
        return html`<sl-customer-list></sl-customer-list>`;
      case 'customer':
        return html`<sl-customer-page .customerId=${r.id} .product=${r.product} .rangeKey=${r.range}></sl-customer-page>`;
      case 'admin':
        if (!session.can(PERMISSIONS.admin)) {
          return html`<div class="page"><h1 id="page-title" tabindex="-1">Administration</h1>
            <div class="state state-error" role="alert"><h3>Administrators only</h3><p>This page needs the server administration permission.</p></div></div>`;
        }
        import('./admin.js');
        return html`<sl-admin></sl-admin>`;
      default:
        return html`<div class="page"><div class="state"><h1 id="page-title" tabindex="-1">Page not found</h1>
          <p>There is nothing at this address.</p><a class="button" href="/">Go to your customers</a></div></div>`;
    }
  }

  render() {
    if (!this.ready) {
      return html`<div class="boot" role="status"><span class="brand-mark"></span><span>Loading Sightline…</span></div>`;
    }
    if (this.bootError) {
      return html`<div class="signin"><div class="signin-card" role="alert"><div class="brand large">${brandMark()}<span>Sightline</span></div>
        <h1>Sightline cannot be reached</h1><p>${this.bootError.title}. ${this.bootError.detail || ''}</p>
        <button type="button" class="button primary" @click=${() => location.reload()}>Try again</button></div></div>`;
    }
    if (this.route.page === 'sign-in' || !session.current) {
      return html`<main id="main" tabindex="-1"><sl-sign-in @signed-in=${(e) => this.onSignedIn(e)}
        .notice=${this.route.expired ? 'Your session has ended. Sign in again to continue where you were.' : null}></sl-sign-in></main><sl-toasts></sl-toasts>`;
    }
    return html`${this.topBar()}<main id="main" tabindex="-1" class="main">${this.page()}</main><sl-toasts></sl-toasts>`;
  }
}
customElements.define('sl-app', App);
