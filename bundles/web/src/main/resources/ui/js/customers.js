// The customer list: search as you type (name or account id), filters (product, subscription status,
// group, pinned), sorting, cursor paging for thousands of customers, pinned customers first.
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { LightElement, navigate, session, toast, emptyState, skeleton, PERMISSIONS } from './base.js';
import { api } from './api.js';
import { money, initials, relative, fullTimestamp } from './format.js';
import { icon, productIcon } from './icons.js';
import { avatar } from './dashboard.js';
import { SUBSCRIPTION_STATUSES } from './dialogs.js';

const PAGE = 50;
const SORTS = [
  ['name', 'Name (A–Z)'],
  ['-name', 'Name (Z–A)'],
  ['-credits', 'Credits (high to low)'],
  ['credits', 'Credits (low to high)'],
  ['accountId', 'Account ID'],
];

export class CustomerList extends LightElement {
  static properties = {
    items: { state: true },
    pinned: { state: true },
    total: { state: true },
    nextCursor: { state: true },
    loading: { state: true },
    loadingMore: { state: true },
    error: { state: true },
    products: { state: true },
    groups: { state: true },
    received: { state: true },
    q: { state: true },
    filters: { state: true },
    sort: { state: true },
  };

  constructor() {
    super();
    const p = new URLSearchParams(location.search);
    this.q = p.get('q') || '';
    this.filters = { product: p.get('product') || '', status: p.get('status') || '', group: p.get('group') || '',
      pinned: p.get('pinned') === 'true' };
    this.sort = p.get('sort') || 'name';
    this.items = [];
    this.pinned = [];
    this.products = [];
    this.groups = [];
    this.received = [];
    this.loading = true;
  }

  connectedCallback() {
    super.connectedCallback();
    document.title = 'Customers · Sightline';
    this.load();
    // Every product ever deployed, so that a subscription to one whose bundle is gone shows its name and icon.
    api('/products/known').catch(() => api('/products'))
      .then((p) => { this.products = (Array.isArray(p) ? p : []).map((x) => ({ ...x, name: x.name || x.displayName || x.id })); })
      .catch(() => {});
    api('/groups').then((g) => { this.groups = Array.isArray(g) ? g : g?.items || []; }).catch(() => {});
    // The reports sent to the signed-in staff user (a template's report or a schedule's), newest first.
    api('/reports?limit=5').then((r) => { this.received = r?.items || []; }).catch(() => {});
  }

  disconnectedCallback() {
    this.observer?.disconnect();
    super.disconnectedCallback();
  }

  params(extra = {}) {
    return { q: this.q.trim() || undefined, product: this.filters.product || undefined, status: this.filters.status || undefined,
      group: this.filters.group || undefined, pinned: this.filters.pinned ? 'true' : undefined, sort: this.sort, limit: PAGE, ...extra };
  }

  syncUrl() {
    const p = new URLSearchParams();
    const v = this.params();
    for (const k of ['q', 'product', 'status', 'group', 'pinned']) if (v[k]) p.set(k, v[k]);
    if (this.sort !== 'name') p.set('sort', this.sort);
    const s = p.toString();
    history.replaceState(null, '', s ? `/?${s}` : '/');
  }

  async load() {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.loading = true;
    this.error = null;
    this.syncUrl();
    const pinnedP = !this.filters.pinned
      ? api('/customers', { params: this.params({ pinned: 'true', limit: 12 }), signal: abort.signal }).catch(() => null)
      : Promise.resolve(null);
    try {
      const r = await api('/customers', { params: this.params(), signal: abort.signal });
      if (abort.signal.aborted) return;
      this.items = r?.items || [];
      this.nextCursor = r?.nextCursor || null;
      this.total = r?.total ?? null;
    } catch (e) {
      if (e.name === 'AbortError' || abort.signal.aborted) return;
      if (e.status !== 401) this.error = e;
      this.items = [];
      this.nextCursor = null;
    } finally {
      if (!abort.signal.aborted) this.loading = false;
    }
    const pr = await pinnedP;
    if (!abort.signal.aborted) this.pinned = (pr?.items || []).filter((c) => c.pinned);
  }

  async more() {
    if (!this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const r = await api('/customers', { params: this.params({ cursor: this.nextCursor }) });
      this.items = [...this.items, ...(r?.items || [])];
      this.nextCursor = r?.nextCursor || null;
      if (r?.total != null) this.total = r.total;
    } catch (e) {
      if (e.status !== 401) toast(`Could not load more customers: ${e.title}`, 'error');
    } finally {
      this.loadingMore = false;
    }
  }

  onSearch(e) {
    this.q = e.target.value;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.load(), 220);
  }

  setFilter(key, value) {
    this.filters = { ...this.filters, [key]: value };
    this.load();
  }

  setSort(sort) {
    this.sort = sort;
    this.load();
  }

  sortBy(column) {
    this.setSort(this.sort === column ? `-${column}` : column);
  }

  async togglePin(c, e) {
    e?.stopPropagation();
    const pinned = !c.pinned;
    try {
      await api(`/customers/${c.id}/pin`, { method: pinned ? 'PUT' : 'DELETE' });
      const upd = (list) => list.map((x) => (x.id === c.id ? { ...x, pinned } : x));
      this.items = upd(this.items);
      this.pinned = pinned ? [...this.pinned.filter((x) => x.id !== c.id), { ...c, pinned }] : this.pinned.filter((x) => x.id !== c.id);
      toast(pinned ? `${c.name} pinned.` : `${c.name} unpinned.`, 'success');
    } catch (err) {
      if (err.status !== 401) toast(err.missing ? 'Pinning is not available on this server yet.' : `Could not change the pin: ${err.title}`, 'error');
    }
  }

  updated() {
    const sentinel = this.querySelector('.list-sentinel');
    if (!sentinel) return;
    this.observer ??= new IntersectionObserver((entries) => {
      if (entries.some((en) => en.isIntersecting)) this.more();
    }, { rootMargin: '400px' });
    this.observer.disconnect();
    this.observer.observe(sentinel);
  }

  productById(id) {
    return this.products.find((p) => p.id === id) || { id, name: id };
  }

  sortHeader(column, label, cls = '') {
    const dir = this.sort === column ? 'ascending' : this.sort === `-${column}` ? 'descending' : 'none';
    return html`<th scope="col" class=${cls} aria-sort=${dir}>
      <button type="button" class="sort-button" data-sort=${column} @click=${() => this.sortBy(column)}>
        ${label}${dir === 'ascending' ? icon('arrowUp', 'icon tiny') : dir === 'descending' ? icon('arrowDown', 'icon tiny') : nothing}
      </button></th>`;
  }

  row(c) {
    const act = session.can(PERMISSIONS.act);
    const staff = c.staff || [];
    const href = `/customers/${c.id}`;
    return html`<tr data-customer=${c.id} data-account=${c.accountId} class=${c.pinned ? 'is-pinned' : ''}
        @click=${(e) => { if (!e.target.closest('a,button')) navigate(href); }}>
      <td class="col-pin">${act
        ? html`<button type="button" class="pin-button ${c.pinned ? 'on' : ''}" aria-pressed=${c.pinned ? 'true' : 'false'}
            aria-label=${c.pinned ? `Unpin ${c.name}` : `Pin ${c.name}`} title=${c.pinned ? 'Unpin' : 'Pin'} data-action="pin"
            @click=${(e) => this.togglePin(c, e)}>${icon('pin')}</button>`
        : c.pinned ? html`<span class="pin-static" title="Pinned">${icon('pin', 'icon', 'Pinned')}</span>` : nothing}</td>
      <td class="col-name"><div class="name-cell">${avatar(c)}<div>
        <a class="customer-link" href=${href}>${c.name}</a>
        <div class="account-id">${c.accountId}${c.accessEnabled === false ? html` · <span class="muted">access disabled</span>` : nothing}</div></div></div></td>
      <td class="col-products"><div class="product-icons">${(c.products || []).length
        ? (c.products || []).slice(0, 6).map((p) => productIcon(this.productById(typeof p === 'string' ? p : p.id), 'product-icon small'))
        : html`<span class="muted">—</span>`}${(c.products || []).length > 6 ? html`<span class="more">+${c.products.length - 6}</span>` : nothing}</div></td>
      <td class="col-currency">${c.currency || '—'}</td>
      <td class="col-credits num">${c.credits === undefined || c.credits === null ? '—' : money(c.credits, c.currency)}</td>
      <td class="col-staff">${staff.length ? html`<div class="staff">${staff.slice(0, 3).map((s) => html`<span class="staff-chip" title=${s.displayName || s.username}>
          <span class="mini-avatar" aria-hidden="true">${initials(s.displayName || s.username)}</span><span class="staff-name">${s.displayName || s.username}</span></span>`)}
        ${staff.length > 3 ? html`<span class="more" title=${staff.slice(3).map((s) => s.displayName || s.username).join(', ')}>+${staff.length - 3}</span>` : nothing}</div>`
        : html`<span class="muted">Unassigned</span>`}</td>
    </tr>`;
  }

  pinnedStrip() {
    if (!this.pinned.length || this.filters.pinned) return nothing;
    return html`<section class="pinned" aria-labelledby="pinned-title">
      <h2 id="pinned-title" class="section-title">${icon('pin', 'icon small')}Pinned customers</h2>
      <ul class="pinned-list">${this.pinned.map((c) => html`<li><a class="pinned-card" href=${`/customers/${c.id}`} data-customer=${c.id}>
        ${avatar(c)}<span class="pinned-text"><span class="pinned-name">${c.name}</span><span class="account-id">${c.accountId}</span></span>
        ${c.credits != null ? html`<span class="pinned-credits">${money(c.credits, c.currency)}</span>` : nothing}
      </a></li>`)}</ul>
    </section>`;
  }

  /** "Received reports": the last reports sent to the signed-in user as a staff recipient; each opens its PDF. */
  receivedStrip() {
    if (!this.received.length) return nothing;
    return html`<section class="received" aria-labelledby="received-title">
      <h2 id="received-title" class="section-title">${icon('inbox', 'icon small')}Received reports</h2>
      <ul class="received-list">${this.received.map((r) => html`<li><a class="received-card" href=${r.pdfUrl}
        data-report=${r.id} target="_blank" rel="noopener">
        <span class="received-title">${r.title}</span>
        <time class="received-time" datetime=${r.generatedAt} title=${fullTimestamp(r.generatedAt)}>${relative(r.generatedAt)}</time>
      </a></li>`)}</ul>
    </section>`;
  }

  filtersBar() {
    const f = this.filters;
    const active = f.product || f.status || f.group || f.pinned || this.q;
    return html`<div class="list-controls" role="search">
      <label class="search">
        <span class="visually-hidden">Search customers by name or account ID</span>
        ${icon('search', 'icon search-icon')}
        <input type="search" class="input search-input" name="q" placeholder="Search by name or account ID" autocomplete="off"
          .value=${this.q} @input=${(e) => this.onSearch(e)} @keydown=${(e) => { if (e.key === 'Escape' && this.q) { e.preventDefault(); this.q = ''; this.load(); } }}>
      </label>
      <div class="filters">
        <label class="select-label"><span class="visually-hidden">Product</span>
          <select class="select" name="product" @change=${(e) => this.setFilter('product', e.target.value)}>
            <option value="">All products</option>
            ${this.products.map((p) => html`<option value=${p.id} ?selected=${f.product === p.id}>${p.name}</option>`)}
          </select></label>
        <label class="select-label"><span class="visually-hidden">Subscription status</span>
          <select class="select" name="status" @change=${(e) => this.setFilter('status', e.target.value)}>
            <option value="">Any status</option>
            ${SUBSCRIPTION_STATUSES.map(([v, l]) => html`<option value=${v} ?selected=${f.status === v}>${l}</option>`)}
          </select></label>
        ${this.groups.length ? html`<label class="select-label"><span class="visually-hidden">Group</span>
          <select class="select" name="group" @change=${(e) => this.setFilter('group', e.target.value)}>
            <option value="">All groups</option>
            ${this.groups.map((g) => html`<option value=${g.id ?? g} ?selected=${String(f.group) === String(g.id ?? g)}>${g.name ?? g}</option>`)}
          </select></label>` : nothing}
        <label class="toggle"><input type="checkbox" name="pinned" .checked=${f.pinned}
          @change=${(e) => this.setFilter('pinned', e.target.checked)}><span>Pinned only</span></label>
        <label class="select-label"><span class="visually-hidden">Sort by</span>
          <select class="select" name="sort" @change=${(e) => this.setSort(e.target.value)}>
            ${SORTS.map(([v, l]) => html`<option value=${v} ?selected=${this.sort === v}>${l}</option>`)}
          </select></label>
        ${active ? html`<button type="button" class="link-button" @click=${() => {
          this.q = '';
          this.filters = { product: '', status: '', group: '', pinned: false };
          this.load();
        }}>Clear</button>` : nothing}
      </div>
    </div>`;
  }

  list() {
    if (this.error) {
      if (this.error.missing) {
        return emptyState('The customer list is not available yet', 'This server does not offer the customer directory. Open a customer from a link instead.', { kind: 'error' });
      }
      return emptyState(this.error.title, this.error.detail, { kind: 'error',
        action: html`<button type="button" class="button" @click=${() => this.load()}>Try again</button>` });
    }
    if (this.loading && !this.items.length) {
      return html`<div class="card list-card">${skeleton(8, 'table-skeleton')}</div>`;
    }
    if (!this.items.length) {
      const filtered = this.q || this.filters.product || this.filters.status || this.filters.group || this.filters.pinned;
      return filtered
        ? emptyState('No customers match', this.q ? `Nothing found for “${this.q}”. Check the spelling or search by account ID.` : 'Try fewer filters.', { kind: 'search' })
        : emptyState('No customers yet', 'Customers assigned to you will appear here.');
    }
    return html`<div class="card list-card ${this.loading ? 'is-loading' : ''}" aria-busy=${this.loading ? 'true' : 'false'}>
      <div class="table-scroll">
        <table class="data-table customers" aria-label="Customers">
          <thead><tr>
            <th scope="col" class="col-pin"><span class="visually-hidden">Pinned</span></th>
            ${this.sortHeader('name', 'Customer', 'col-name')}
            <th scope="col" class="col-products">Products</th>
            <th scope="col" class="col-currency">Currency</th>
            ${this.sortHeader('credits', 'Credits', 'col-credits num')}
            <th scope="col" class="col-staff">Assigned staff</th>
          </tr></thead>
          <tbody>${repeat(this.items, (c) => c.id, (c) => this.row(c))}</tbody>
        </table>
      </div>
      <div class="list-footer">
        <span class="list-count" aria-live="polite">Showing ${this.items.length.toLocaleString()}${this.total != null ? ` of ${this.total.toLocaleString()}` : ''} customers</span>
        ${this.nextCursor ? html`<button type="button" class="button" data-action="more" ?disabled=${this.loadingMore} @click=${() => this.more()}>
          ${this.loadingMore ? 'Loading…' : 'Load more'}</button><span class="list-sentinel" aria-hidden="true"></span>` : nothing}
      </div>
    </div>`;
  }

  render() {
    return html`<div class="page customers-page">
      <div class="page-head">
        <div><h1 tabindex="-1" id="page-title">Customers</h1>
          <p class="page-lead">${session.current?.partner?.name ? `Everyone ${session.current.partner.name} looks after` : 'The customers you look after'}${session.current?.partner?.viewOnly ? ' · view only' : ''}</p></div>
      </div>
      ${this.filtersBar()}
      ${this.pinnedStrip()}
      ${this.receivedStrip()}
      ${this.list()}
    </div>`;
  }
}
customElements.define('sl-customer-list', CustomerList);
