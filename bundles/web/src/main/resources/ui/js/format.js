// Formatting of typed values, in the viewer's locale and time zone.
import { html, nothing } from 'lit';
import { zone } from './api.js';
import { icon } from './icons.js';

const numberFormats = new Map();
function nf(options) {
  const key = JSON.stringify(options);
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(undefined, options);
    numberFormats.set(key, f);
  }
  return f;
}

export function number(value, unit) {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  const text = Number.isFinite(n) ? nf({ maximumFractionDigits: Math.abs(n) < 10 ? 2 : 1 }).format(n) : String(value);
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

export function compact(value) {
  const n = Number(value);
  return Number.isFinite(n) ? nf({ notation: 'compact', maximumFractionDigits: 1 }).format(n) : String(value);
}

export function money(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '—';
  const n = Number(amount);
  if (!Number.isFinite(n)) return `${amount} ${currency || ''}`.trim();
  if (!currency) return nf({ maximumFractionDigits: 2 }).format(n);
  try {
    const digits = Math.abs(n) > 0 && Math.abs(n) < 1 ? 4 : 2;
    return nf({ style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: digits }).format(n);
  } catch {
    return `${nf({ maximumFractionDigits: 2 }).format(n)} ${currency}`;
  }
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: zone });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long', timeZone: zone });

export function timestamp(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateTime.format(d);
}

export function date(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateOnly.format(d);
}

export function fullTimestamp(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : full.format(d);
}

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
export function relative(iso) {
  const d = new Date(iso).getTime();
  if (Number.isNaN(d)) return String(iso);
  const s = Math.round((d - Date.now()) / 1000);
  const abs = Math.abs(s);
  if (abs < 60) return rtf.format(s, 'second');
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(s / 86400), 'day');
  return dateOnly.format(new Date(d));
}

export function duration(seconds) {
  const s = Math.max(0, Number(seconds) || 0);
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${Math.round(s)} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.round(s % 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(sec).padStart(2, '0')} s`;
}

export function severityClass(severity) {
  const s = String(severity || 'unknown').toLowerCase();
  return ['ok', 'info', 'warning', 'critical'].includes(s) ? s : 'unknown';
}

export function badge(label, severity) {
  return html`<span class="badge badge-${severityClass(severity)}">${label}</span>`;
}

/** True for an http(s) URL or a path of this site: the only links the page follows. */
export function safeHref(href) {
  if (typeof href !== 'string') return null;
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  try {
    const u = new URL(href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The plain-text value of a cell (for sorting, titles and accessible labels). */
export function cellText(c) {
  if (!c) return '';
  switch (c.type) {
    case 'number': return number(c.value, c.unit);
    case 'money': return money(c.amount, c.currency);
    case 'timestamp': return timestamp(c.value);
    case 'duration': return duration(c.seconds);
    case 'status': return c.label;
    case 'link': return c.link?.label ?? '';
    case 'empty': return '';
    default: return c.value ?? '';
  }
}

/**
 * Draws a typed cell. Masked personal data is shown exactly as the server sends it.
 * onPanel(panelId) opens a drill-down panel for link cells that name one.
 */
export function cell(c, onPanel) {
  if (!c) return html`<span class="muted" aria-label="no value">—</span>`;
  if (c.masked) {
    return html`<span class="masked" title="Masked for privacy">${icon('lock', 'masked-icon')}<span>${c.value}</span></span>`;
  }
  switch (c.type) {
    case 'text':
      return c.value === '' ? html`<span class="muted" aria-label="no value">—</span>` : html`${c.value}`;
    case 'number':
      return html`<span class="num">${number(c.value, c.unit)}</span>`;
    case 'money':
      return html`<span class="num">${money(c.amount, c.currency)}</span>`;
    case 'timestamp':
      return html`<time datetime=${c.value} title=${fullTimestamp(c.value)}>${timestamp(c.value)}</time>`;
    case 'duration':
      return html`<span class="num">${duration(c.seconds)}</span>`;
    case 'status':
      return badge(c.label, c.severity);
    case 'link':
      return link(c.link, onPanel);
    case 'empty':
      return html`<span class="muted" aria-label="no value">—</span>`;
    default:
      return c.value !== undefined ? html`${String(c.value)}` : html`<span class="muted">—</span>`;
  }
}

/** A link: to a drill-down panel (a button), a page of this site, or an external http(s) page. */
export function link(l, onPanel, cls = 'link') {
  if (!l) return nothing;
  if (l.panel) {
    return html`<button type="button" class="${cls} link-button" @click=${(e) => { e.stopPropagation(); onPanel?.(l.panel, l.label); }}>${l.label}</button>`;
  }
  const href = safeHref(l.href);
  if (!href) return html`<span>${l.label}</span>`;
  if (href.startsWith('/')) return html`<a class=${cls} href=${href}>${l.label}</a>`;
  return html`<a class=${cls} href=${href} target="_blank" rel="noopener noreferrer">${l.label}${icon('external', 'inline-icon')}</a>`;
}

export function initials(name) {
  const parts = String(name || '?').trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] || '?') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

/** A calm colour for a name, stable across visits. */
export function hue(name) {
  let h = 0;
  for (const ch of String(name || '')) h = (h * 31 + ch.codePointAt(0)) % 360;
  return h;
}
