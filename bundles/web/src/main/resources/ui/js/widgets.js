// Generic renderers for every widget view the server sends: kpi, timeseries, table, status, links, custom,
// and the error card. A vendor writes no JavaScript: the JSON alone decides what is drawn.
import { html, nothing } from 'lit';
import { LightElement, session, toast, emptyState, skeleton } from './base.js';
import { api, download, zone } from './api.js';
import { cell, cellText, link, badge, relative, fullTimestamp, severityClass } from './format.js';
import { icon } from './icons.js';
import './chart.js';

const LIMITS = [25, 50, 100, 200];

/** Well-known sections in page order, with the names people know them by. */
export const SECTIONS = [
  ['subscriptions', 'Products & subscriptions'],
  ['reports', 'Report activity'],
  ['backup', 'Backup status'],
  ['unusual-activity', 'Unusual activity'],
  ['policy', 'Policy monitor'],
  ['risk', 'Risk insights'],
  ['storage', 'Storage'],
  ['usage', 'Usage'],
];

export function sectionTitle(id) {
  const known = SECTIONS.find(([s]) => s === id);
  if (known) return known[1];
  const s = String(id || 'Other').replace(/[-_.]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Widgets grouped by section: well-known sections in their order, unknown ones after them (never dropped). */
export function groupBySection(widgets) {
  const groups = new Map();
  for (const w of widgets) {
    const key = w.section || 'other';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(w);
  }
  const rank = (s) => {
    const i = SECTIONS.findIndex(([id]) => id === s);
    return i < 0 ? SECTIONS.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([id, list]) => ({ id, title: sectionTitle(id),
      widgets: list.sort((x, y) => (x.order ?? 0) - (y.order ?? 0) || String(x.title).localeCompare(String(y.title))) }));
}

/**
 * Filters a table offers: those its view declares (with every choice), else derived from its typed columns
 * (status columns, with the values seen so far, and a direction column).
 */
function tableFilters(view, seen) {
  if ((view.filters || []).length) {
    return view.filters.map((f) => ({ id: f.id, label: f.label, values: f.options }));
  }
  const columns = view.columns;
  const filters = [];
  for (const c of columns || []) {
    if (c.type === 'status') {
      const values = [...(seen.get(c.id) || new Map()).entries()].map(([value, label]) => ({ value, label }));
      if (values.length) filters.push({ id: c.id, label: c.label, values });
    } else if (c.id === 'direction') {
      filters.push({ id: c.id, label: c.label, values: [{ value: 'inbound', label: 'Inbound' }, { value: 'outbound', label: 'Outbound' }] });
    }
  }
  return filters;
}

function span(view) {
  if (!view) return 1;
  if (view.type === 'table') return 'full';
  if (view.type === 'timeseries') return 2;
  if (view.type === 'kpi' && (view.tiles || []).length > 4) return 'full';
  if (view.type === 'kpi' && (view.tiles || []).length > 2) return 2;
  return 1;
}

/**
 * One widget. Receives the widget as the dashboard sent it; fetches it again on its own for paging,
 * filters, a new time range or a retry. With `panel` set it shows that drill-down panel instead.
 */
export class Widget extends LightElement {
  static properties = {
    widget: { attribute: false },
    customerId: { attribute: false },
    range: { attribute: false },
    panel: {},
    bare: { type: Boolean },
    loading: { state: true },
    cursors: { state: true },
    filters: { state: true },
    limit: { state: true },
  };

  constructor() {
    super();
    this.cursors = [];
    this.filters = {};
    this.limit = 50;
    this.seen = new Map();
    this.loading = false;
  }

  willUpdate(changed) {
    if (changed.has('widget') && !this.bare) this.dataset.span = String(span(this.widget?.view));
    if (changed.has('widget')) {
      if (!this.internal) {
        // a fresh copy from the dashboard: first page, no filters
        this.cursors = [];
        this.filters = {};
      }
      this.internal = false;
      if (this.widget?.view?.type === 'table') this.remember(this.widget.view);
    }
  }

  remember(view) {
    (view.columns || []).forEach((c, i) => {
      if (c.type !== 'status') return;
      const m = this.seen.get(c.id) || new Map();
      for (const r of view.rows || []) {
        const s = r.cells?.[i];
        if (s?.code) m.set(s.code, s.label || s.code);
      }
      this.seen.set(c.id, m);
    });
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.panel && !this.widget?.view && !this.widget?.error) this.reload();
  }

  params(extra = {}) {
    const p = { tz: zone, limit: this.limit, panel: this.panel, ...this.filters, ...extra };
    if (this.widget?.timeRange && this.range) {
      p.from = this.range.from;
      p.to = this.range.to;
    }
    return p;
  }

  async reload({ cursor, resetPaging = false } = {}) {
    if (resetPaging) this.cursors = [];
    this.abort?.abort();
    this.abort = new AbortController();
    this.loading = true;
    try {
      const w = await api(`/customers/${this.customerId}/widgets/${encodeURIComponent(this.widget.id)}`,
        { params: this.params({ cursor }), signal: this.abort.signal });
      this.internal = true;
      this.widget = { ...this.widget, ...w, view: w.view, error: w.error };
      if (w.view?.type === 'table') this.remember(w.view);
    } catch (e) {
      if (e.name === 'AbortError') return;
      if (e.status === 401) return;
      this.internal = true;
      this.widget = { ...this.widget, view: undefined,
        error: { title: e.status === 404 ? `${this.widget.title} is no longer available` : e.title,
          detail: e.status === 404 ? 'Its product may have been removed. Refresh the page to see what is deployed now.'
            : e.detail || (e.parameter ? `Check ${e.parameter}.` : '') } };
    } finally {
      this.loading = false;
    }
  }

  next() {
    const v = this.widget?.view;
    if (!v?.nextCursor) return;
    this.cursors = [...this.cursors, v.nextCursor];
    this.reload({ cursor: v.nextCursor });
  }

  previous() {
    const c = this.cursors.slice(0, -1);
    this.cursors = c;
    this.reload({ cursor: c[c.length - 1] });
  }

  setFilter(id, value) {
    const f = { ...this.filters };
    if (value) f[id] = value;
    else delete f[id];
    this.filters = f;
    this.reload({ resetPaging: true });
  }

  setLimit(n) {
    this.limit = n;
    this.reload({ resetPaging: true });
  }

  openPanel(panel, title) {
    openPanel({ widget: this.widget, customerId: this.customerId, range: this.range, panel, title });
  }

  async exportTable(format) {
    const p = this.params();
    delete p.limit;
    delete p.panel;
    try {
      toast(`Preparing the ${format.toUpperCase()} export…`);
      await download(`/customers/${this.customerId}/widgets/${encodeURIComponent(this.widget.id)}/export`,
        { ...p, format }, `${this.widget.id}.${format}`);
    } catch (e) {
      if (e.status !== 401) toast(e.missing ? 'Exports are not available on this server yet.' : `Export failed: ${e.title}`, 'error');
    }
  }

  async runAction(action) {
    if (action.confirm) {
      const { confirmTyped } = await import('./dialogs.js');
      const ok = await confirmTyped({ title: action.label, word: action.confirm,
        message: `Type ${action.confirm} to confirm “${action.label}”.`, button: action.label });
      if (!ok) return;
    }
    try {
      const result = await api(`/customers/${this.customerId}/widgets/${encodeURIComponent(this.widget.id)}/actions/${encodeURIComponent(action.id)}`,
        { method: 'POST', body: action.confirm ? { confirm: action.confirm } : {} });
      toast(result?.message || `${action.label}: done`, 'success');
      this.reload();
    } catch (e) {
      if (e.status !== 401) toast(e.missing ? `“${action.label}” is not available on this server yet.` : `${action.label} failed: ${e.title}`, 'error');
    }
  }

  render() {
    const w = this.widget;
    if (!w) return nothing;
    const view = w.view;
    const type = w.error ? 'error' : view?.type || 'unknown';
    const titleId = `w-${String(w.id).replace(/[^a-zA-Z0-9_-]/g, '_')}${this.panel ? `-${this.panel}` : ''}`;
    const body = html`
      <div class="card-body ${this.loading ? 'is-loading' : ''}" aria-busy=${this.loading ? 'true' : 'false'}>
        ${w.error ? this.errorCard(w.error) : !view && this.loading ? skeleton(4) : this.renderView(view, w)}
      </div>
      ${view && (view.links || []).length ? html`<footer class="card-footer">
        ${view.links.map((l) => link(l, (p, t) => this.openPanel(p, t), 'footer-link'))}</footer>` : nothing}`;
    if (this.bare) {
      return html`<div class="panel-view" data-widget=${w.id} data-view-type=${type}>${body}</div>`;
    }
    return html`<article class="card widget" data-widget=${w.id} data-view-type=${type}
        aria-labelledby=${titleId}>
      <header class="card-header">
        <h3 id=${titleId}>${w.title}</h3>
        <div class="card-tools">
          ${w.timeRange && this.range ? html`<span class="chip" title="Time range">${icon('calendar', 'icon small')}${this.range.label}</span>` : nothing}
          ${this.loading ? html`<span class="spinner" role="status" aria-label="Loading"></span>` : nothing}
          ${view?.type === 'table' ? html`<sl-menu icon-only label=${`Export ${w.title}`} .items=${[
            { id: 'export-csv', label: 'Export CSV', icon: 'download', run: () => this.exportTable('csv') },
            { id: 'export-xlsx', label: 'Export Excel (XLSX)', icon: 'download', run: () => this.exportTable('xlsx') },
          ]}></sl-menu>` : nothing}
          <button type="button" class="icon-button" aria-label=${`Refresh ${w.title}`} title="Refresh"
            @click=${() => this.reload({ resetPaging: true })}>${icon('refresh')}</button>
        </div>
      </header>
      ${body}
    </article>`;
  }

  errorCard(error) {
    return html`<div class="error-card" role="alert">
      ${icon('alert', 'error-icon')}
      <div><p class="error-title">${error.title}</p>${error.detail ? html`<p class="error-detail">${error.detail}</p>` : nothing}</div>
      <button type="button" class="button small" @click=${() => this.reload()}>Try again</button>
    </div>`;
  }

  renderView(view, w) {
    if (!view) return emptyState('Nothing to show', '');
    const onPanel = (p, t) => this.openPanel(p, t);
    switch (view.type) {
      case 'kpi': return kpis(view, onPanel);
      case 'timeseries': return html`<sl-chart .view=${view} label=${w.title}></sl-chart>`;
      case 'table': return this.table(view, w, onPanel);
      case 'status': return statusList(view, onPanel);
      case 'links': return this.links(view);
      case 'custom': return html`<sl-custom-view .view=${view} .widget=${w} .customerId=${this.customerId}></sl-custom-view>`;
      default: return html`<p class="muted">This widget uses a view (${view.type}) this page does not know yet.</p>`;
    }
  }

  links(view) {
    const actions = (view.actions || []).filter((a) => session.can('customer.act') && session.can(a.permission));
    if (!actions.length && !(view.links || []).length) {
      return html`<p class="muted">No actions available to you here.</p>`;
    }
    return html`<div class="action-list">${actions.map((a) => html`<button type="button" class="button ${a.confirm ? 'danger-outline' : ''}"
        data-action=${a.id} @click=${() => this.runAction(a)}>${a.label}</button>`)}</div>`;
  }

  table(view, w, onPanel) {
    const cols = view.columns || [];
    const rows = view.rows || [];
    const filters = tableFilters(view, this.seen);
    const page = this.cursors.length + 1;
    const pages = view.total != null ? Math.max(1, Math.ceil(view.total / this.limit)) : null;
    const numeric = (t) => ['number', 'money', 'duration'].includes(t);
    const filtered = Object.keys(this.filters).length > 0;
    return html`
      ${filters.length ? html`<div class="table-tools" role="group" aria-label=${`Filter ${w.title}`}>
        ${icon('filter', 'icon small muted')}
        ${filters.map((f) => html`<label class="select-label"><span class="visually-hidden">${f.label}</span>
          <select class="select small" name=${f.id} data-filter=${f.id} @change=${(e) => this.setFilter(f.id, e.target.value)}>
            <option value="">${f.label}: all</option>
            ${f.values.map((v) => html`<option value=${v.value} ?selected=${this.filters[f.id] === v.value}>${v.label}</option>`)}
          </select></label>`)}
        ${filtered ? html`<button type="button" class="link-button small" @click=${() => { this.filters = {}; this.reload({ resetPaging: true }); }}>Clear filters</button>` : nothing}
      </div>` : nothing}
      ${rows.length === 0 ? emptyState(filtered ? 'No rows match these filters' : 'No rows yet', filtered ? 'Try another filter.' : '') : html`
      <div class="table-scroll" tabindex="0" role="region" aria-label=${`${w.title} table`}>
        <table class="data-table">
          <thead><tr>${cols.map((c) => html`<th scope="col" class=${numeric(c.type) ? 'num' : ''} data-type=${c.type}>${c.label}</th>`)}</tr></thead>
          <tbody>${rows.map((r) => html`<tr class=${r.panel ? 'clickable' : ''} tabindex=${r.panel ? '0' : nothing}
              @click=${r.panel ? () => onPanel(r.panel, cellText(r.cells?.[0])) : null}
              @keydown=${r.panel ? (e) => { if (e.key === 'Enter') onPanel(r.panel, cellText(r.cells?.[0])); } : null}>
            ${(r.cells || []).map((c, i) => html`<td class=${numeric(cols[i]?.type) ? 'num' : ''} data-col=${cols[i]?.id}>${cell(c, onPanel)}</td>`)}
          </tr>`)}</tbody>
        </table>
      </div>`}
      ${page > 1 || view.nextCursor ? html`<nav class="pager" aria-label=${`${w.title} pages`}>
        <button type="button" class="button small" data-page="previous" ?disabled=${page <= 1 || this.loading} @click=${() => this.previous()}>
          ${icon('chevronLeft', 'icon small')}<span>Previous</span></button>
        <span class="pager-status" aria-live="polite">Page ${page}${pages ? ` of ${pages}` : ''}${view.total != null ? html` · ${view.total.toLocaleString()} rows` : nothing}</span>
        <button type="button" class="button small" data-page="next" ?disabled=${!view.nextCursor || this.loading} @click=${() => this.next()}>
          <span>Next</span>${icon('chevronRight', 'icon small')}</button>
        <label class="select-label pager-limit"><span>Rows</span>
          <select class="select small" @change=${(e) => this.setLimit(Number(e.target.value))}>
            ${LIMITS.map((n) => html`<option value=${n} ?selected=${n === this.limit}>${n}</option>`)}
          </select></label>
      </nav>` : view.total != null && rows.length ? html`<p class="table-count">${view.total.toLocaleString()} ${view.total === 1 ? 'row' : 'rows'}</p>` : nothing}`;
  }
}
customElements.define('sl-widget', Widget);

function kpis(view, onPanel) {
  const tiles = view.tiles || [];
  if (!tiles.length) return html`<p class="muted">No figures yet.</p>`;
  return html`<div class="kpis">${tiles.map((t) => html`<div class="kpi kpi-${severityClass(t.severity)}" data-kpi=${t.id}>
    <div class="kpi-label">${t.label}</div>
    <div class="kpi-value">${cell(t.value, onPanel)}</div>
    ${t.link ? html`<div class="kpi-link">${link(t.link, onPanel)}</div>` : nothing}
  </div>`)}</div>`;
}

function statusList(view, onPanel) {
  const items = view.items || [];
  if (!items.length) return html`<p class="muted">Nothing to report.</p>`;
  return html`<ul class="status-list">${items.map((it) => html`<li class="status-item">
    <span class="status-dot dot-${severityClass(it.status?.severity)}" aria-hidden="true"></span>
    <div class="status-main">
      <span class="status-label">${it.label}</span>
      ${it.detail ? html`<span class="status-detail">${cell(it.detail, onPanel)}</span>` : nothing}
    </div>
    <div class="status-side">
      ${it.status ? badge(it.status.label, it.status.severity) : nothing}
      ${it.at ? html`<time datetime=${it.at} title=${fullTimestamp(it.at)}>${relative(it.at)}</time>` : nothing}
      ${it.link ? link(it.link, onPanel) : nothing}
    </div>
  </li>`)}</ul>`;
}

/**
 * The scripts of vendors' elements, loaded once each, the first time a view of the element is drawn: the
 * product's bundle ships web-components/<element>.js, which the server serves from this origin (so the page's
 * script-src 'self' allows the import). A product that ships none answers 404: the view stays a simple list.
 */
const componentLoads = new Map();
function loadComponent(product, element) {
  const key = `${product}/${element}`;
  if (!componentLoads.has(key)) {
    componentLoads.set(key, import(`/components/${encodeURIComponent(product)}/${encodeURIComponent(element)}.js`)
      .then(() => customElements.whenDefined(element))
      .catch(() => null));
  }
  return componentLoads.get(key);
}

/** A vendor's own element when it is loaded; otherwise the data as a simple list, never a broken card. */
export class CustomView extends LightElement {
  static properties = { view: { attribute: false }, widget: { attribute: false }, customerId: { attribute: false } };
  render() {
    const v = this.view;
    if (v && customElements.get(v.element)) return html`<div class="custom-host"></div>`;
    if (v && this.widget?.product && !this.tried?.has(v.element)) {
      (this.tried ??= new Set()).add(v.element);
      loadComponent(this.widget.product, v.element).then(() => this.requestUpdate());
    }
    const entries = Object.entries(v?.data || {});
    return html`<div class="custom-fallback">
      ${entries.length ? html`<dl class="facts">${entries.map(([k, c]) => html`<div><dt>${k}</dt><dd>${cell(c)}</dd></div>`)}</dl>`
        : html`<p class="muted">No data.</p>`}
      <p class="hint">${icon('info', 'icon small')} Shown in a simple form: this widget's component (${v?.element}) is not installed.</p>
    </div>`;
  }
  updated() {
    const v = this.view;
    const host = this.querySelector('.custom-host');
    if (!host) return;
    let el = host.firstElementChild;
    if (!el || el.localName !== v.element) {
      el = document.createElement(v.element);
      host.replaceChildren(el);
    }
    el.data = v.data;
    el.view = v;
    el.widget = this.widget;
    el.customerId = this.customerId;
  }
}
customElements.define('sl-custom-view', CustomView);

/** A side panel with a widget's drill-down (the widget fetched with ?panel=). Escape closes it. */
export function openPanel({ widget, customerId, range, panel, title }) {
  const dialog = document.createElement('dialog');
  dialog.className = 'drawer';
  dialog.setAttribute('aria-labelledby', 'drawer-title');
  const previous = document.activeElement;
  const head = document.createElement('header');
  head.className = 'drawer-header';
  const h = document.createElement('h2');
  h.id = 'drawer-title';
  h.textContent = title ? `${widget.title}: ${title}` : widget.title;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'icon-button';
  close.setAttribute('aria-label', 'Close');
  close.textContent = '×';
  close.addEventListener('click', () => dialog.close());
  head.append(h, close);
  const el = document.createElement('sl-widget');
  el.bare = true;
  el.panel = panel;
  el.customerId = customerId;
  el.range = range;
  el.widget = { id: widget.id, title: widget.title, timeRange: widget.timeRange, product: widget.product };
  const body = document.createElement('div');
  body.className = 'drawer-body';
  body.append(el);
  dialog.append(head, body);
  dialog.addEventListener('close', () => {
    dialog.remove();
    previous?.focus?.();
  });
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
