// A customer's dashboard (overview) and product pages (?product=<id>): header with logo, name, account id,
// credits and the actions menu; the customer's products on the left; widgets grouped by section.
import { html, nothing } from 'lit';
import { LightElement, navigate, session, toast, emptyState, skeleton, PERMISSIONS } from './base.js';
import { api, download, zone } from './api.js';
import { money, initials, hue } from './format.js';
import { icon, productIcon, cssVars } from './icons.js';
import { groupBySection } from './widgets.js';
import { repeat } from 'lit/directives/repeat.js';

const RANGES = [
  ['7d', 'Last 7 days', 7],
  ['30d', 'Last 30 days', 30],
  ['90d', 'Last 90 days', 90],
];

function isoDay(d) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(d);
  const get = (t) => parts.find((p) => p.type === t)?.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A range of whole days in the viewer's zone, ending today (inclusive). */
export function rangeOf(key) {
  const r = RANGES.find(([k]) => k === key) || RANGES[1];
  const now = Date.now();
  return { key: r[0], label: r[1], from: isoDay(new Date(now - (r[2] - 1) * 86400000)), to: isoDay(new Date(now + 86400000)) };
}

export function avatar(c, cls = 'avatar') {
  if (c?.logoUrl) return html`<img class="${cls} logo" src=${c.logoUrl} alt="" loading="lazy">`;
  return html`<span class=${cls} ${cssVars({ '--h': String(hue(c?.name)) })} aria-hidden="true">${initials(c?.name)}</span>`;
}

export class CustomerPage extends LightElement {
  static properties = {
    customerId: { attribute: false },
    product: { attribute: false },
    rangeKey: { attribute: false },
    dashboard: { state: true },
    details: { state: true },
    error: { state: true },
    loading: { state: true },
    exporting: { state: true },
  };

  constructor() {
    super();
    this.dashboard = null;
    this.details = null;
    this.products = null;
  }

  willUpdate(changed) {
    if (changed.has('customerId') || changed.has('product') || changed.has('rangeKey')) {
      const sameCustomer = changed.has('customerId') ? changed.get('customerId') === undefined || changed.get('customerId') === this.customerId : true;
      if (!sameCustomer) {
        this.dashboard = null;
        this.details = null;
      }
      this.load();
    }
  }

  get range() {
    return rangeOf(this.rangeKey);
  }

  /** The page as PDF (GET .../dashboard.pdf with the page's product, range and zone), drawn on the server. */
  async exportPdf() {
    const r = this.range;
    this.exporting = true;
    try {
      await download(`/customers/${this.customerId}/dashboard.pdf`,
        { product: this.product || undefined, from: r.from, to: r.to, tz: zone }, 'dashboard.pdf');
    } catch (e) {
      if (e.status !== 401) toast(e.missing ? 'PDF export is not available on this server yet.' : `Export failed: ${e.detail || e.title}`, 'error');
    } finally {
      this.exporting = false;
    }
  }

  /** "Generate report": a template that applies to the customer, to staff and/or the customer's report recipients. */
  async generateReport() {
    const d = await import('./dialogs.js');
    await d.generateReport(this.customer);
  }

  async load() {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.loading = true;
    this.error = null;
    const r = this.range;
    const detailsP = this.details && this.details.id === this.customerId ? Promise.resolve(this.details)
      : api(`/customers/${this.customerId}`, { signal: abort.signal }).catch(() => null);
    try {
      const d = await api(`/customers/${this.customerId}/dashboard`, {
        params: { product: this.product || undefined, from: r.from, to: r.to, tz: zone }, signal: abort.signal,
      });
      if (abort.signal.aborted) return;
      this.dashboard = d;
      this.loadedAt = new Date();
      const title = this.product ? (d.navigation || []).find((p) => p.id === this.product)?.name || this.product : 'Overview';
      document.title = `${d.customer?.name || 'Customer'} · ${title} · Sightline`;
    } catch (e) {
      if (e.name === 'AbortError' || abort.signal.aborted) return;
      if (e.status !== 401) this.error = e;
    } finally {
      if (!abort.signal.aborted) this.loading = false;
    }
    const details = await detailsP;
    if (!abort.signal.aborted && details && typeof details === 'object') this.details = details;
  }

  get customer() {
    return { ...(this.dashboard?.customer || {}), ...(this.details || {}) };
  }

  setRange(key) {
    const u = new URL(location.href);
    u.searchParams.set('range', key);
    navigate(u.pathname + u.search, { replace: true });
  }

  async products_() {
    if (!this.products) this.products = await api('/products').catch(() => []);
    return this.products;
  }

  actionItems() {
    const c = this.customer;
    const act = session.can(PERMISSIONS.act);
    const items = [{ id: 'view-info', label: 'View customer information', icon: 'info', run: () => this.dialog('view') }];
    if (!act) return items;
    items.push(
      { id: 'edit-info', label: 'Edit customer information', icon: 'edit', run: () => this.dialog('edit') },
      { id: 'subscriptions', label: 'Edit subscriptions', icon: 'layers', run: () => this.dialog('subscriptions') },
      { id: 'add-services', label: 'Add services', icon: 'plus', run: () => this.dialog('add') },
      { id: 'pin', label: c.pinned ? 'Unpin customer' : 'Pin customer', icon: 'pin', run: () => this.togglePin() },
      { id: 'hide-expired', label: c.hideExpired ? 'Show expired services' : 'Hide expired services',
        icon: c.hideExpired ? 'eye' : 'eyeOff', run: () => this.toggleExpired() },
    );
    if (c.accessEnabled !== false) {
      items.push({ id: 'environment', label: 'Open customer environment', icon: 'external', run: () => this.openEnvironment() });
    }
    items.push({ separator: true }, { id: 'disconnect', label: 'Disconnect customer', icon: 'unplug', danger: true, run: () => this.dialog('disconnect') });
    return items;
  }

  async dialog(kind) {
    const d = await import('./dialogs.js');
    const c = this.customer;
    if (kind === 'view') await d.viewCustomer(c);
    else if (kind === 'edit') {
      const updated = await d.editCustomer(c);
      if (updated) {
        this.details = { ...this.details, ...updated, logoUrl: updated.logoUrl ? `${updated.logoUrl.split('?')[0]}?t=${Date.now()}` : c.logoUrl };
        this.load();
      }
    } else if (kind === 'subscriptions' || kind === 'add') {
      if (await d.manageSubscriptions(c, await this.products_(), { add: kind === 'add' })) this.load();
    } else if (kind === 'disconnect') {
      if (await d.disconnectCustomer(c)) navigate('/');
    }
  }

  async togglePin() {
    const c = this.customer;
    try {
      await api(`/customers/${c.id}/pin`, { method: c.pinned ? 'DELETE' : 'PUT' });
      this.details = { ...(this.details || {}), pinned: !c.pinned };
      toast(c.pinned ? `${c.name} unpinned.` : `${c.name} pinned.`, 'success');
    } catch (e) {
      if (e.status !== 401) toast(e.missing ? 'Pinning is not available on this server yet.' : `Could not pin: ${e.title}`, 'error');
    }
  }

  async toggleExpired() {
    const c = this.customer;
    const hide = !c.hideExpired;
    try {
      await api(`/customers/${c.id}/hide-expired`, { method: 'PUT', body: { hide } });
      this.details = { ...(this.details || {}), hideExpired: hide };
      toast(hide ? 'Expired services are hidden.' : 'Expired services are shown.', 'success');
      this.load();
    } catch (e) {
      if (e.status !== 401) toast(e.missing ? 'This is not available on this server yet.' : e.title, 'error');
    }
  }

  async openEnvironment() {
    const w = window.open('', '_blank');
    try {
      const r = await api(`/customers/${this.customer.id}/environment`);
      const url = r?.url && /^https?:\/\//.test(r.url) ? r.url : null;
      if (!url) throw Object.assign(new Error('no url'), { title: 'No environment address is known for this customer.' });
      if (w) {
        w.opener = null;
        w.location = url;
      } else {
        window.location.assign(url);
      }
    } catch (e) {
      w?.close();
      if (e.status !== 401) toast(e.missing ? 'The environment link is not available on this server yet.' : e.title, 'error');
    }
  }

  header() {
    const c = this.customer;
    const credits = c.credits;
    return html`<header class="customer-header">
      ${avatar(c, 'avatar large')}
      <div class="customer-title">
        <h1 tabindex="-1" id="page-title">${c.name || html`<span class="skeleton-inline"></span>`}</h1>
        <p class="customer-meta">
          <span class="meta-item" title="Account ID"><span class="visually-hidden">Account ID </span>${c.accountId || ''}</span>
          ${c.currency ? html`<span class="meta-item">${c.currency}</span>` : nothing}
          ${c.pinned ? html`<span class="meta-item pinned">${icon('pin', 'icon small')}Pinned</span>` : nothing}
          ${c.accessEnabled === false ? html`<span class="badge badge-warning">Access disabled</span>` : nothing}
        </p>
      </div>
      ${credits !== undefined && credits !== null ? html`<div class="credits"><span class="credits-label">Remaining credits</span>
        <span class="credits-value" data-credits>${typeof credits === 'object' ? money(credits.amount, credits.currency) : money(credits, c.currency)}</span></div>` : nothing}
      <sl-menu class="customer-actions" label="Customer actions" .items=${this.actionItems()}></sl-menu>
    </header>`;
  }

  nav() {
    const nav = this.dashboard?.navigation || [];
    const base = `/customers/${this.customerId}`;
    const keep = this.rangeKey ? `range=${this.rangeKey}` : '';
    return html`<nav class="customer-nav" aria-label="Customer products">
      <a class="back-link" href="/">${icon('chevronLeft', 'icon small')}All customers</a>
      <ul>
        <li><a href=${keep ? `${base}?${keep}` : base} aria-current=${this.product ? 'false' : 'page'} class="nav-item">
          ${icon('grid', 'product-icon')}<span>Overview</span></a></li>
        ${nav.map((p) => html`<li><a href=${`${base}?product=${encodeURIComponent(p.id)}${keep ? `&${keep}` : ''}`}
            data-product=${p.id} aria-current=${this.product === p.id ? 'page' : 'false'} class="nav-item">
          ${productIcon(p)}<span>${p.name}</span></a></li>`)}
      </ul>
      ${this.dashboard && nav.length === 0 ? html`<p class="nav-empty">No products deployed for this customer.</p>` : nothing}
    </nav>`;
  }

  body() {
    if (this.error) {
      if (this.error.status === 404) {
        return emptyState('Customer not found', 'It may have been disconnected, or it is not assigned to you.',
          { kind: 'error', action: html`<a class="button" href="/">Back to customers</a>` });
      }
      return emptyState(this.error.title, this.error.detail, { kind: 'error',
        action: html`<button type="button" class="button" @click=${() => this.load()}>Try again</button>` });
    }
    const d = this.dashboard;
    if (!d) {
      return html`<div class="sections" aria-busy="true"><div class="grid">
        ${[1, 2, 3].map(() => html`<div class="card">${skeleton(4)}</div>`)}</div></div>`;
    }
    if (this.product && !(d.navigation || []).some((p) => p.id === this.product)) {
      return emptyState('This product is not available', 'It is not deployed, or the customer does not subscribe to it.',
        { action: html`<a class="button" href=${`/customers/${this.customerId}`}>Back to the overview</a>` });
    }
    const widgets = d.widgets || [];
    if (!widgets.length) {
      return emptyState('Nothing to show yet', this.product ? 'This product has no widgets for you.'
        : 'No product module shows anything for this customer yet.');
    }
    const range = this.range;
    return html`<div class="sections">${groupBySection(widgets).map((s) => html`<section class="section" data-section=${s.id} aria-labelledby=${`sec-${s.id}`}>
      <h2 class="section-title" id=${`sec-${s.id}`}>${s.title}</h2>
      <div class="grid">${repeat(s.widgets, (w) => w.id, (w) => html`<sl-widget .widget=${w} .customerId=${this.customerId} .range=${range}></sl-widget>`)}</div>
    </section>`)}</div>`;
  }

  toolbar() {
    const d = this.dashboard;
    const ranged = (d?.widgets || []).some((w) => w.timeRange);
    const title = this.product ? (d?.navigation || []).find((p) => p.id === this.product)?.name || '' : 'Overview';
    return html`<div class="toolbar">
      <h2 class="page-subtitle">${title}</h2>
      <div class="toolbar-tools">
        ${ranged ? html`<label class="select-label"><span class="visually-hidden">Time range</span>${icon('calendar', 'icon small muted')}
          <select class="select" name="range" @change=${(e) => this.setRange(e.target.value)}>
            ${RANGES.map(([k, label]) => html`<option value=${k} ?selected=${this.range.key === k}>${label}</option>`)}
          </select></label>` : nothing}
        <button type="button" class="button" @click=${() => this.load()} ?disabled=${this.loading}>
          ${icon('refresh', `icon small ${this.loading ? 'spin' : ''}`)}<span>Refresh</span></button>
        <button type="button" class="button" data-action="export-pdf" @click=${() => this.exportPdf()} ?disabled=${this.exporting || !d}>
          ${icon('download', 'icon small')}<span>${this.exporting ? 'Preparing PDF…' : 'Export to PDF'}</span></button>
        ${session.can(PERMISSIONS.act) ? html`<button type="button" class="button" data-action="generate-report"
          @click=${() => this.generateReport()} ?disabled=${!d}>
          ${icon('inbox', 'icon small')}<span>Generate report</span></button>` : nothing}
      </div>
    </div>`;
  }

  render() {
    const d = this.dashboard;
    return html`<div class="customer-layout">
      ${this.nav()}
      <div class="customer-main">
        ${this.header()}
        ${d?.customer?.accessEnabled === false ? html`<div class="banner banner-warning" role="note">${icon('lock', 'icon small')}
          Access to this customer's tenant is disabled: only products and subscriptions are shown.</div>` : nothing}
        ${this.toolbar()}
        ${this.body()}
      </div>
    </div>`;
  }
}
customElements.define('sl-customer-page', CustomerPage);
