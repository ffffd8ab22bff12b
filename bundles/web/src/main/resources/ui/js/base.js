// Shared pieces: light-DOM elements (one stylesheet for the whole page), navigation, the session, toasts.
import { LitElement, html } from 'lit';
import { icon } from './icons.js';

/** A Lit element that renders into itself, so the page's stylesheet applies and tests can find it. */
export class LightElement extends LitElement {
  createRenderRoot() {
    this.replaceChildren();
    return this;
  }
}

/** Moves to a page of this site without reloading. */
export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new CustomEvent('sl-navigate'));
}

/** The signed-in viewer, shared by every element. */
export const session = {
  current: null,
  can(permission) {
    return !!this.current?.permissions?.includes(permission);
  },
};

export const PERMISSIONS = {
  read: 'customer.read',
  act: 'customer.act',
  usage: 'usage.read',
  admin: 'server.admin',
};

/** Shows a short message in the corner; read out by screen readers. */
export function toast(message, kind = 'info') {
  window.dispatchEvent(new CustomEvent('sl-toast', { detail: { message, kind } }));
}

export class Toasts extends LightElement {
  static properties = { items: { state: true } };
  constructor() {
    super();
    this.items = [];
    this.next = 1;
    this.onToast = (e) => {
      const item = { id: this.next++, ...e.detail };
      this.items = [...this.items, item];
      setTimeout(() => this.dismiss(item.id), item.kind === 'error' ? 8000 : 4500);
    };
  }
  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('sl-toast', this.onToast);
  }
  disconnectedCallback() {
    window.removeEventListener('sl-toast', this.onToast);
    super.disconnectedCallback();
  }
  dismiss(id) {
    this.items = this.items.filter((i) => i.id !== id);
  }
  render() {
    return html`<div class="toasts" role="status" aria-live="polite">
      ${this.items.map((t) => html`<div class="toast toast-${t.kind}">
        ${icon(t.kind === 'error' ? 'alert' : t.kind === 'success' ? 'check' : 'info')}
        <span>${t.message}</span>
        <button type="button" class="icon-button" aria-label="Dismiss" @click=${() => this.dismiss(t.id)}>${icon('close')}</button>
      </div>`)}
    </div>`;
  }
}
customElements.define('sl-toasts', Toasts);

/** A friendly empty, error or unavailable state. */
export function emptyState(title, detail, { kind = 'empty', action } = {}) {
  return html`<div class="state state-${kind}" role=${kind === 'error' ? 'alert' : 'status'}>
    <div class="state-icon">${icon(kind === 'error' ? 'alert' : kind === 'search' ? 'search' : 'inbox')}</div>
    <h3>${title}</h3>
    ${detail ? html`<p>${detail}</p>` : ''}
    ${action || ''}
  </div>`;
}

/** Placeholder blocks shown while something loads. */
export function skeleton(lines = 3, cls = '') {
  return html`<div class="skeleton ${cls}" aria-hidden="true">
    ${Array.from({ length: lines }, (_, i) => html`<div class="skeleton-line w${(i % 3) + 1}"></div>`)}
  </div>`;
}

/**
 * A menu button: a button that opens a list of actions. Arrow keys move, Enter or Space runs, Escape
 * closes and gives focus back to the button, Tab or a click elsewhere closes.
 */
export class Menu extends LightElement {
  static properties = {
    label: {},
    text: {},
    items: { attribute: false },
    open: { state: true },
    iconOnly: { type: Boolean, attribute: 'icon-only' },
    align: {},
  };
  constructor() {
    super();
    this.label = 'Actions';
    this.items = [];
    this.open = false;
    this.align = 'end';
    this.uid = `menu-${Math.random().toString(36).slice(2, 8)}`;
    this.onDocClick = (e) => {
      if (this.open && !this.contains(e.target)) this.close(false);
    };
  }
  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('click', this.onDocClick, true);
  }
  disconnectedCallback() {
    document.removeEventListener('click', this.onDocClick, true);
    super.disconnectedCallback();
  }
  toggle() {
    if (this.open) this.close(true);
    else this.show(0);
  }
  async show(index) {
    this.open = true;
    await this.updateComplete;
    const items = this.menuItems();
    items[(index + items.length) % items.length]?.focus();
  }
  close(focusButton) {
    this.open = false;
    if (focusButton) this.querySelector('.menu-button')?.focus();
  }
  menuItems() {
    return [...this.querySelectorAll('[role="menuitem"]:not([disabled])')];
  }
  onButtonKey(e) {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.show(0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      this.show(-1);
    }
  }
  onMenuKey(e) {
    const items = this.menuItems();
    const i = items.indexOf(document.activeElement);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      items[(i + 1) % items.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i - 1 + items.length) % items.length]?.focus();
    } else if (e.key === 'Home') {
      e.preventDefault();
      items[0]?.focus();
    } else if (e.key === 'End') {
      e.preventDefault();
      items[items.length - 1]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close(true);
    } else if (e.key === 'Tab') {
      this.close(false);
    }
  }
  run(item) {
    this.close(true);
    item.run();
  }
  render() {
    const items = this.items.filter(Boolean);
    if (items.length === 0) return html``;
    return html`<div class="menu">
      <button type="button" class="menu-button ${this.iconOnly ? 'icon-button' : 'button'}" aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.uid} aria-label=${this.label}
        @click=${() => this.toggle()} @keydown=${(e) => this.onButtonKey(e)}>
        ${this.iconOnly ? icon('more') : html`<span class="menu-text">${this.text || this.label}</span>${icon('chevronDown', 'icon small')}`}
      </button>
      <div class="menu-list align-${this.align}" role="menu" id=${this.uid} aria-label=${this.label} ?hidden=${!this.open}
        @keydown=${(e) => this.onMenuKey(e)}>
        ${items.map((it) => it.separator
          ? html`<div class="menu-separator" role="separator"></div>`
          : html`<button type="button" role="menuitem" tabindex="-1" class="menu-item ${it.danger ? 'danger' : ''}"
              data-action=${it.id || ''} @click=${() => this.run(it)}>${it.icon ? icon(it.icon) : ''}<span>${it.label}</span></button>`)}
      </div>
    </div>`;
  }
}
customElements.define('sl-menu', Menu);
