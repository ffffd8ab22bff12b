// Icons drawn inline (stroke icons on a 24 px grid), so that they take the text colour.
import { html, svg } from 'lit';
import { ref } from 'lit/directives/ref.js';

/**
 * Sets CSS custom properties through the CSSOM (the page's Content-Security-Policy forbids style attributes).
 */
export function cssVars(vars) {
  return ref((el) => {
    if (!el) return;
    for (const [k, v] of Object.entries(vars)) el.style.setProperty(k, v);
  });
}

const paths = {
  search: svg`<circle cx="11" cy="11" r="6.5"/><path d="m20 20-4.2-4.2"/>`,
  pin: svg`<path d="M9 4h6l-1 6 3 3v2H7v-2l3-3-1-6z"/><path d="M12 15v5"/>`,
  more: svg`<circle cx="5" cy="12" r="1.4" fill="currentColor" stroke="none"/><circle cx="12" cy="12" r="1.4" fill="currentColor" stroke="none"/><circle cx="19" cy="12" r="1.4" fill="currentColor" stroke="none"/>`,
  chevronDown: svg`<path d="m6 9 6 6 6-6"/>`,
  chevronLeft: svg`<path d="m15 6-6 6 6 6"/>`,
  chevronRight: svg`<path d="m9 6 6 6-6 6"/>`,
  lock: svg`<rect x="5" y="11" width="14" height="9" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>`,
  external: svg`<path d="M14 5h5v5"/><path d="M19 5 11 13"/><path d="M17 14v4a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h4"/>`,
  refresh: svg`<path d="M20 11a8 8 0 1 0-2.3 5.7"/><path d="M20 5v6h-6"/>`,
  download: svg`<path d="M12 4v11"/><path d="m7 10 5 5 5-5"/><path d="M5 20h14"/>`,
  signOut: svg`<path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3"/><path d="M10 8l-4 4 4 4"/><path d="M6 12h10"/>`,
  user: svg`<circle cx="12" cy="8" r="4"/><path d="M4 20c1.5-4 4.5-6 8-6s6.5 2 8 6"/>`,
  home: svg`<path d="M4 11 12 4l8 7"/><path d="M6 10v10h12V10"/>`,
  grid: svg`<rect x="4" y="4" width="7" height="7" rx="1.5"/><rect x="13" y="4" width="7" height="7" rx="1.5"/><rect x="4" y="13" width="7" height="7" rx="1.5"/><rect x="13" y="13" width="7" height="7" rx="1.5"/>`,
  settings: svg`<circle cx="12" cy="12" r="3"/><path d="M12 3v3M12 18v3M3 12h3M18 12h3M5.6 5.6l2.1 2.1M16.3 16.3l2.1 2.1M5.6 18.4l2.1-2.1M16.3 7.7l2.1-2.1"/>`,
  close: svg`<path d="M6 6l12 12M18 6 6 18"/>`,
  alert: svg`<path d="M12 4 3 20h18L12 4z"/><path d="M12 10v4"/><circle cx="12" cy="17" r=".6" fill="currentColor"/>`,
  check: svg`<path d="m5 12 5 5 9-10"/>`,
  filter: svg`<path d="M4 5h16l-6 7v6l-4 2v-8L4 5z"/>`,
  calendar: svg`<rect x="4" y="5" width="16" height="15" rx="2"/><path d="M4 10h16M9 3v4M15 3v4"/>`,
  arrowUp: svg`<path d="M12 19V5"/><path d="m6 11 6-6 6 6"/>`,
  arrowDown: svg`<path d="M12 5v14"/><path d="m6 13 6 6 6-6"/>`,
  box: svg`<path d="M4 8 12 4l8 4v8l-8 4-8-4V8z"/><path d="M4 8l8 4 8-4M12 12v8"/>`,
  users: svg`<circle cx="9" cy="8" r="3.2"/><path d="M3 19c.8-3.4 3.2-5 6-5s5.2 1.6 6 5"/><path d="M16 5.2a3 3 0 0 1 0 5.6M18 14.4c1.5.7 2.5 2.3 3 4.6"/>`,
  inbox: svg`<path d="M4 13l2.5-7h11L20 13v6H4v-6z"/><path d="M4 13h5l1 2h4l1-2h5"/>`,
  info: svg`<circle cx="12" cy="12" r="8.5"/><path d="M12 11v5"/><circle cx="12" cy="8" r=".6" fill="currentColor"/>`,
  edit: svg`<path d="M5 19h4L19 9l-4-4L5 15v4z"/><path d="m13.5 6.5 4 4"/>`,
  eye: svg`<path d="M3 12c2.5-4.5 5.5-7 9-7s6.5 2.5 9 7c-2.5 4.5-5.5 7-9 7s-6.5-2.5-9-7z"/><circle cx="12" cy="12" r="3"/>`,
  eyeOff: svg`<path d="M3 12c2.5-4.5 5.5-7 9-7 1.6 0 3.1.5 4.5 1.5M21 12c-2.5 4.5-5.5 7-9 7-1.6 0-3.1-.5-4.5-1.5"/><path d="m4 20 16-16"/>`,
  plus: svg`<path d="M12 5v14M5 12h14"/>`,
  unplug: svg`<path d="m4 20 4-4M20 4l-4 4"/><path d="m7 11 6 6-1.5 1.5a4.2 4.2 0 0 1-6-6L7 11zM17 13l-6-6 1.5-1.5a4.2 4.2 0 0 1 6 6L17 13z"/>`,
  layers: svg`<path d="m12 4 8 4-8 4-8-4 8-4z"/><path d="m4 12 8 4 8-4M4 16l8 4 8-4"/>`,
};

/** An inline icon; decorative unless a label is given. */
export function icon(name, cls = 'icon', label) {
  const body = paths[name] || paths.box;
  return html`<svg class=${cls} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"
    stroke-linecap="round" stroke-linejoin="round" role=${label ? 'img' : 'presentation'}
    aria-hidden=${label ? 'false' : 'true'} aria-label=${label || ''} focusable="false">${body}</svg>`;
}

/**
 * A product's icon. Vendors send an SVG; it is used as a CSS mask (never inserted as markup), so it takes
 * the text colour and cannot run script. Without one, the product's initial is shown.
 */
export function productIcon(product, cls = 'product-icon') {
  const name = product?.name || product?.id || '?';
  if (product?.iconSvg && typeof product.iconSvg === 'string' && product.iconSvg.trim().startsWith('<svg')) {
    const url = `url("data:image/svg+xml;charset=utf-8,${encodeURIComponent(product.iconSvg)}")`;
    return html`<span class="${cls} masked-icon-shape" ${cssVars({ '--icon': url })} role="img" aria-label=${name} title=${name}></span>`;
  }
  return html`<span class="${cls} product-initial" role="img" aria-label=${name} title=${name}>${name.slice(0, 1).toUpperCase()}</span>`;
}
