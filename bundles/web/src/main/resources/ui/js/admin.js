// Operators' page: deployed products, widgets with bundle versions and health, as the registry reports.
import { html, nothing } from 'lit';
import { LightElement, emptyState, skeleton } from './base.js';
import { api } from './api.js';
import { badge, number } from './format.js';
import { icon, productIcon } from './icons.js';
import { sectionTitle } from './widgets.js';

function health(w) {
  const state = String(w.state || '').toLowerCase();
  if (state && !['active', 'ok', 'registered', 'healthy', 'up'].includes(state)) return ['warning', w.state];
  if ((w.failures || 0) > 0 && w.calls && w.failures / w.calls > 0.2) return ['critical', 'Failing'];
  if ((w.failures || 0) > 0) return ['warning', 'Some failures'];
  return ['ok', 'Healthy'];
}

/** The problem of a failed call, for the module card. */
function failure(e) {
  return { title: e.title, detail: e.detail };
}

export class Admin extends LightElement {
  static properties = {
    products: { state: true }, widgets: { state: true }, error: { state: true }, loading: { state: true },
    check: { state: true }, checkError: { state: true }, busy: { state: true }, outcome: { state: true },
  };

  /** Checks the chosen jar against the server (POST /admin/products/check); nothing is installed. */
  async checkModule(e) {
    const file = e.target.files?.[0];
    this.check = null;
    this.checkError = null;
    this.outcome = null;
    this.file = file ? new Blob([file], { type: 'application/java-archive' }) : null;
    if (!this.file) return;
    this.busy = 'Checking…';
    try {
      this.check = await api('/admin/products/check', { method: 'POST', body: this.file });
    } catch (err) {
      this.checkError = failure(err);
    } finally {
      this.busy = null;
    }
  }

  /** Updates the product to the checked jar; the server watches it and rolls back if it fails. */
  async updateModule(product) {
    this.busy = `Updating ${product}, then watching its widgets…`;
    this.outcome = null;
    this.checkError = null;
    try {
      this.outcome = await api(`/admin/products/${encodeURIComponent(product)}/update`, { method: 'POST', body: this.file });
      this.load();
    } catch (err) {
      this.checkError = failure(err);
    } finally {
      this.busy = null;
    }
  }

  moduleCard(widgets) {
    const c = this.check;
    const product = c && widgets.find((w) => w.bundle === c.bundle)?.product;
    const o = this.outcome;
    return html`<section class="card" aria-labelledby="admin-modules">
      <header class="card-header"><h2 id="admin-modules">Check or update a module</h2></header>
      <div class="card-body">
      <label class="field"><span>Module jar</span>
        <input class="input" type="file" name="module" accept=".jar,application/java-archive" @change=${(e) => this.checkModule(e)} ?disabled=${!!this.busy}></label>
      ${this.busy ? html`<p class="muted" role="status">${this.busy}</p>` : nothing}
      ${this.checkError ? html`<p class="module-problem" role="alert"><strong>${this.checkError.title}</strong> ${this.checkError.detail}</p>` : nothing}
      ${c ? html`<div data-module=${c.bundle}>
        <p>${badge(c.resolvable ? 'Can be installed' : 'Cannot be installed', c.resolvable ? 'ok' : 'critical')}
          <code>${c.bundle}</code> ${c.version}
          ${c.resolvable ? nothing : html`<span class="module-missing">needs ${c.missing.join(', ')}, which this server does not provide</span>`}</p>
        <div class="table-scroll"><table class="data-table" aria-label="What the module needs">
          <thead><tr><th scope="col">Needs</th><th scope="col">Range</th><th scope="col">Status</th><th scope="col">Provided by</th></tr></thead>
          <tbody>${c.needs.map((n) => html`<tr data-status=${n.status}>
            <td><code>${n.namespace === 'osgi.wiring.package' ? n.name : `${n.namespace} ${n.name}`}</code></td><td>${n.range || '—'}</td>
            <td>${badge(n.status, n.status === 'missing' ? 'critical' : n.status === 'optional-missing' ? 'warning' : 'ok')}</td>
            <td>${n.providedBy || '—'}</td></tr>`)}</tbody>
        </table></div>
        <p class="muted small">This server's API: ${c.serverApi.map((a) => `${a.name} ${a.version}`).join(', ')}</p>
        ${c.resolvable && product ? html`<button type="button" class="button" ?disabled=${!!this.busy} @click=${() => this.updateModule(product)}>
          Update ${product} to ${c.version}</button>` : nothing}
      </div>` : nothing}
      ${o ? html`<p role="status" data-outcome=${o.outcome}>${o.outcome === 'rolled-back'
        ? html`${badge('Rolled back', 'critical')} ${o.toVersion}: ${o.reason}. ${o.fromVersion} is running again (rollback ${number(o.rollbackMillis)} ms).`
        : html`${badge('Updated', 'ok')} ${o.bundle} ${o.fromVersion} → ${o.toVersion}, watched ${number(o.watchMillis)} ms, ${number(o.renders)} renders.`}</p>` : nothing}
      </div>
    </section>`;
  }

  connectedCallback() {
    super.connectedCallback();
    document.title = 'Administration · Sightline';
    this.load();
  }

  async load() {
    this.loading = true;
    this.error = null;
    try {
      const [p, w] = await Promise.all([api('/products'), api('/admin/widgets')]);
      this.products = p || [];
      this.widgets = w || [];
    } catch (e) {
      if (e.status !== 401) this.error = e;
    } finally {
      this.loading = false;
    }
  }

  render() {
    const widgets = this.widgets || [];
    const products = this.products || [];
    const failing = widgets.filter((w) => health(w)[0] !== 'ok').length;
    const bundles = new Map();
    for (const w of widgets) if (w.bundle) bundles.set(w.bundle, w.version);
    return html`<div class="page admin-page">
      <div class="page-head">
        <div><h1 tabindex="-1" id="page-title">Administration</h1>
          <p class="page-lead">Product modules, their widgets and how they are doing, as the server sees them now.</p></div>
        <button type="button" class="button" @click=${() => this.load()} ?disabled=${this.loading}>${icon('refresh', `icon small ${this.loading ? 'spin' : ''}`)}<span>Refresh</span></button>
      </div>
      ${this.error ? emptyState(this.error.status === 403 ? 'Administrators only' : this.error.title,
          this.error.status === 403 ? 'This page needs the server administration permission.' : this.error.detail, { kind: 'error' }) : nothing}
      ${!this.error && !this.products && this.loading ? html`<div class="card">${skeleton(6)}</div>` : nothing}
      ${!this.error && this.products ? html`
        <div class="kpis admin-kpis">
          <div class="kpi kpi-info"><div class="kpi-label">Products deployed</div><div class="kpi-value" data-kpi="products">${products.length}</div></div>
          <div class="kpi kpi-info"><div class="kpi-label">Widgets</div><div class="kpi-value" data-kpi="widgets">${widgets.length}</div></div>
          <div class="kpi kpi-info"><div class="kpi-label">Bundles</div><div class="kpi-value">${bundles.size}</div></div>
          <div class="kpi ${failing ? 'kpi-warning' : 'kpi-ok'}"><div class="kpi-label">Needing attention</div><div class="kpi-value">${failing}</div></div>
        </div>
        <section class="card" aria-labelledby="admin-products">
          <header class="card-header"><h2 id="admin-products">Products</h2></header>
          ${products.length === 0 ? emptyState('No product modules deployed', 'Install one with feature:install sightline-product-<name>, or copy a bundle into deploy/.') : html`
          <div class="table-scroll"><table class="data-table" aria-labelledby="admin-products">
            <thead><tr><th scope="col">Product</th><th scope="col">Id</th><th scope="col">Family</th><th scope="col" class="num">Widgets</th></tr></thead>
            <tbody>${products.map((p) => html`<tr data-product=${p.id}>
              <td><span class="with-icon">${productIcon(p)}${p.name}</span></td><td><code>${p.id}</code></td><td>${p.family || '—'}</td>
              <td class="num">${widgets.filter((w) => w.product === p.id).length}</td></tr>`)}</tbody>
          </table></div>`}
        </section>
        ${this.moduleCard(widgets)}
        <section class="card" aria-labelledby="admin-widgets">
          <header class="card-header"><h2 id="admin-widgets">Widgets</h2></header>
          ${widgets.length === 0 ? emptyState('No widgets registered', '') : html`
          <div class="table-scroll"><table class="data-table" aria-labelledby="admin-widgets">
            <thead><tr><th scope="col">Widget</th><th scope="col">Product</th><th scope="col">Section</th><th scope="col">Bundle</th>
              <th scope="col">Health</th><th scope="col" class="num">Calls</th><th scope="col" class="num">Failures</th>
              <th scope="col" class="num">p50</th><th scope="col" class="num">p95</th><th scope="col">Last error</th></tr></thead>
            <tbody>${widgets.map((w) => {
              const [sev, label] = health(w);
              return html`<tr data-widget=${w.id}>
                <td><div class="stack"><strong>${w.title}</strong><code class="muted">${w.id}</code></div></td>
                <td>${w.product}</td>
                <td>${sectionTitle(w.section)}<div class="muted small">${(w.placement || []).join(', ').toLowerCase().replace(/_/g, ' ')}</div></td>
                <td><div class="stack"><code>${w.bundle || '—'}</code><span class="muted small">${w.version || ''}</span></div></td>
                <td>${badge(label, sev)}${w.state ? html`<div class="muted small">${w.state}</div>` : nothing}</td>
                <td class="num">${number(w.calls ?? 0)}</td>
                <td class="num">${number(w.failures ?? 0)}</td>
                <td class="num">${w.p50Millis != null ? `${number(w.p50Millis)} ms` : '—'}</td>
                <td class="num">${w.p95Millis != null ? `${number(w.p95Millis)} ms` : '—'}</td>
                <td class="last-error">${w.lastError || html`<span class="muted">—</span>`}</td>
              </tr>`;
            })}</tbody>
          </table></div>`}
        </section>` : nothing}
    </div>`;
  }
}
customElements.define('sl-admin', Admin);
