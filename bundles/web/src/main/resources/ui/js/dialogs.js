// Modal dialogs on the native <dialog> element: focus stays inside, Escape closes, focus returns to
// where it was. Customer actions: view and edit information (with logo upload), subscriptions and added
// services, disconnect with a typed confirmation.
import { html, nothing, render } from 'lit';
import { api } from './api.js';
import { toast } from './base.js';
import { money, date, number, initials } from './format.js';
import { icon, productIcon } from './icons.js';

const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const LOGO_MAX = 256 * 1024;
export const SUBSCRIPTION_STATUSES = [
  ['active', 'Active'], ['trial', 'Trial'], ['expired', 'Expired'], ['not-started', 'Not started'],
  ['partially-started', 'Partially started'], ['suspended', 'Suspended'],
];

/**
 * Opens a modal. `view(ctx)` returns the dialog's content and is called again on ctx.update();
 * ctx.close(result) closes it and resolves the returned promise.
 */
export function modal({ title, view, wide = false, danger = false }) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = `modal ${wide ? 'modal-wide' : ''} ${danger ? 'modal-danger' : ''}`;
    dialog.setAttribute('aria-labelledby', 'modal-title');
    const previous = document.activeElement;
    let result;
    const ctx = {
      state: {},
      close(r) {
        result = r;
        dialog.close();
      },
      update() {
        render(html`<header class="modal-header"><h2 id="modal-title">${title}</h2>
            <button type="button" class="icon-button" aria-label="Close" @click=${() => ctx.close()}>${icon('close')}</button></header>
          ${view(ctx)}`, dialog);
      },
    };
    dialog.addEventListener('close', () => {
      dialog.remove();
      previous?.focus?.();
      resolve(result);
    });
    document.body.append(dialog);
    ctx.update();
    dialog.showModal();
    const first = dialog.querySelector('[autofocus], input:not([type=hidden]), select, textarea');
    first?.focus();
  });
}

function errorLine(ctx) {
  return ctx.state.error ? html`<p class="form-error" role="alert">${icon('alert', 'icon small')}${ctx.state.error}</p>` : nothing;
}

function problemText(e) {
  if (e.missing) return 'This action is not available on this server yet.';
  if (e.status === 403) return 'You do not have permission to do this.';
  return [e.title, e.detail].filter(Boolean).join(': ');
}

/** Asks the user to type a word (such as “Yes”) before a destructive action. Resolves true when confirmed. */
export function confirmTyped({ title, message, word = 'Yes', button = 'Confirm' }) {
  return modal({
    title, danger: true,
    view: (ctx) => html`<form class="modal-body" @submit=${(e) => { e.preventDefault(); if (ctx.state.typed === word) ctx.close(true); }}>
      <p>${message}</p>
      <label class="field"><span>Type <strong>${word}</strong> to confirm</span>
        <input class="input" name="confirm" autocomplete="off" .value=${ctx.state.typed || ''}
          @input=${(e) => { ctx.state.typed = e.target.value; ctx.update(); }}></label>
      <div class="modal-actions">
        <button type="button" class="button" @click=${() => ctx.close(false)}>Cancel</button>
        <button type="submit" class="button danger" ?disabled=${ctx.state.typed !== word}>${button}</button>
      </div>
    </form>`,
  });
}

/** Disconnects a customer from the portal after the typed “Yes”. Resolves true when done. */
export function disconnectCustomer(customer) {
  return modal({
    title: `Disconnect ${customer.name}?`, danger: true,
    view: (ctx) => html`<form class="modal-body" @submit=${async (e) => {
      e.preventDefault();
      if (ctx.state.typed !== 'Yes' || ctx.state.busy) return;
      ctx.state.busy = true;
      ctx.state.error = null;
      ctx.update();
      try {
        await api(`/customers/${customer.id}/disconnect`, { method: 'POST', body: { confirm: 'Yes' } });
        toast(`${customer.name} was disconnected.`, 'success');
        ctx.close(true);
      } catch (err) {
        ctx.state.busy = false;
        ctx.state.error = problemText(err);
        ctx.update();
      }
    }}>
      <p>This permanently deletes the portal's data about <strong>${customer.name}</strong> (${customer.accountId}):
        dashboards, usage logs, reports and pins. Data in the customer's own services, such as backups, is not touched.</p>
      <label class="field"><span>Type <strong>Yes</strong> to confirm</span>
        <input class="input" name="confirm" autocomplete="off" .value=${ctx.state.typed || ''}
          @input=${(e) => { ctx.state.typed = e.target.value; ctx.update(); }}></label>
      ${errorLine(ctx)}
      <div class="modal-actions">
        <button type="button" class="button" @click=${() => ctx.close(false)}>Cancel</button>
        <button type="submit" class="button danger" data-action="confirm-disconnect" ?disabled=${ctx.state.typed !== 'Yes' || ctx.state.busy}>
          ${ctx.state.busy ? 'Disconnecting…' : 'Delete and disconnect'}</button>
      </div>
    </form>`,
  });
}

function logo(c, cls = 'avatar') {
  return c.logoUrl ? html`<img class="${cls} logo" src=${c.logoUrl} alt="">`
    : html`<span class="${cls}" aria-hidden="true">${initials(c.name)}</span>`;
}

/** Customer information, read only. */
export function viewCustomer(customer) {
  const c = customer;
  const row = (label, value) => (value === undefined || value === null || value === '' ? nothing
    : html`<div><dt>${label}</dt><dd>${value}</dd></div>`);
  return modal({
    title: 'Customer information',
    view: () => html`<div class="modal-body">
      <div class="identity">${logo(c, 'avatar large')}<div><p class="identity-name">${c.name}</p><p class="muted">${c.accountId}</p></div></div>
      <dl class="facts">
        ${row('Billing currency', c.currency)}
        ${row('Remaining credits', c.credits !== undefined ? money(c.credits, c.currency) : undefined)}
        ${row('Access to tenant', c.accessEnabled === false ? 'Disabled' : 'Enabled')}
        ${row('Assigned staff', (c.staff || []).map((s) => s.displayName || s.username).join(', '))}
        ${row('Groups', (c.groups || []).map((g) => g.name || g).join(', '))}
        ${row('Billing reports', c.billing ? (c.billing.send ? `Sent to ${(c.billing.recipients || []).join(', ')}` : 'Not sent') : undefined)}
        ${row('Billing profile', c.billing?.profile)}
        ${row('Expired services', c.hideExpired === undefined ? undefined : c.hideExpired ? 'Hidden' : 'Shown')}
      </dl>
      <div class="modal-actions"><button type="button" class="button primary" @click=${(e) => e.target.closest('dialog').close()}>Close</button></div>
    </div>`,
  });
}

/** Edits a customer's information and logo. Resolves to the updated customer, or undefined. */
export function editCustomer(customer) {
  const c = customer;
  return modal({
    title: 'Edit customer information', wide: true,
    view: (ctx) => {
      const s = ctx.state;
      if (!s.init) {
        Object.assign(s, { init: true, name: c.name, send: !!c.billing?.send,
          recipients: (c.billing?.recipients || []).join(', '), profile: c.billing?.profile || '',
          reportSend: !!c.reports?.send, reportRecipients: (c.reports?.recipients || []).join(', ') });
      }
      const pick = (e) => {
        const f = e.target.files?.[0];
        s.logoError = null;
        s.logo = null;
        if (f) {
          if (!LOGO_TYPES.includes(f.type)) s.logoError = 'Choose a PNG, JPEG or WebP image.';
          else if (f.size > LOGO_MAX) s.logoError = `The image is ${Math.ceil(f.size / 1024)} KiB; the limit is 256 KiB.`;
          else {
            s.logo = f;
            if (s.preview) URL.revokeObjectURL(s.preview);
            s.preview = URL.createObjectURL(f);
          }
        }
        ctx.update();
      };
      const save = async (e) => {
        e.preventDefault();
        if (s.busy) return;
        if (!s.name.trim()) {
          s.error = 'The name cannot be empty.';
          ctx.update();
          return;
        }
        s.busy = true;
        s.error = null;
        ctx.update();
        try {
          const patch = { name: s.name.trim() };
          const list = (text) => text.split(/[,;\s]+/).filter(Boolean);
          if (c.billing !== undefined || s.send) {
            Object.assign(patch, { billingSend: s.send, billingRecipients: list(s.recipients), billingProfile: s.profile || '' });
          }
          if (c.reports !== undefined || s.reportSend) {
            Object.assign(patch, { reportSend: s.reportSend, reportRecipients: list(s.reportRecipients) });
          }
          let updated = await api(`/customers/${c.id}`, { method: 'PATCH', body: patch });
          if (s.logo) {
            await api(`/customers/${c.id}/logo`, { method: 'PUT', body: s.logo });
          }
          updated = updated && updated.id ? updated : { ...c, ...patch };
          toast('Customer information saved.', 'success');
          ctx.close(updated);
        } catch (err) {
          s.busy = false;
          s.error = problemText(err);
          ctx.update();
        }
      };
      return html`<form class="modal-body" @submit=${save}>
        <div class="logo-field">
          ${s.preview ? html`<img class="avatar large logo" src=${s.preview} alt="New logo preview">` : logo(c, 'avatar large')}
          <label class="field"><span>Logo</span>
            <input type="file" class="input" name="logo" accept="image/png,image/jpeg,image/webp" @change=${pick}>
            <small class="muted">PNG, JPEG or WebP, up to 256 KiB.</small></label>
        </div>
        ${s.logoError ? html`<p class="form-error" role="alert">${s.logoError}</p>` : nothing}
        <label class="field"><span>Name</span>
          <input class="input" name="name" required maxlength="200" .value=${s.name} @input=${(e) => { s.name = e.target.value; }}></label>
        <label class="check"><input type="checkbox" name="send" .checked=${s.send} @change=${(e) => { s.send = e.target.checked; ctx.update(); }}>
          <span>Send billing reports to the customer</span></label>
        ${s.send ? html`
          <label class="field"><span>Email recipients</span>
            <input class="input" name="recipients" type="text" placeholder="billing@example.com, it@example.com" .value=${s.recipients}
              @input=${(e) => { s.recipients = e.target.value; }}></label>
          <label class="field"><span>Billing profile</span>
            <input class="input" name="profile" .value=${s.profile} @input=${(e) => { s.profile = e.target.value; }}></label>` : nothing}
        <label class="check"><input type="checkbox" name="reportSend" .checked=${s.reportSend} @change=${(e) => { s.reportSend = e.target.checked; ctx.update(); }}>
          <span>Send reports to the customer</span></label>
        ${s.reportSend ? html`
          <label class="field"><span>Report recipients</span>
            <input class="input" name="reportRecipients" type="text" placeholder="it@example.com" .value=${s.reportRecipients}
              @input=${(e) => { s.reportRecipients = e.target.value; }}>
            <small class="muted">Each recipient confirms the address by e-mail before the first report reaches them.</small></label>` : nothing}
        ${errorLine(ctx)}
        <div class="modal-actions">
          <button type="button" class="button" @click=${() => ctx.close()}>Cancel</button>
          <button type="submit" class="button primary" ?disabled=${s.busy || !!s.logoError}>${s.busy ? 'Saving…' : 'Save'}</button>
        </div>
      </form>`;
    },
  });
}

function statusLabel(code) {
  return SUBSCRIPTION_STATUSES.find(([c]) => c === code)?.[1] || code;
}

/** The customer's subscriptions: edit status and quantity, or add services. Resolves true if anything changed. */
export function manageSubscriptions(customer, products, { add = false } = {}) {
  // GET /products names a product displayName; the views below draw name.
  products = (products || []).map((p) => ({ ...p, name: p.name || p.displayName || p.id }));
  return modal({
    title: add ? 'Add services' : 'Subscriptions', wide: true,
    view: (ctx) => {
      const s = ctx.state;
      if (!s.loaded && !s.loading) {
        s.loading = true;
        api(`/customers/${customer.id}/subscriptions`).then((r) => {
          s.subs = Array.isArray(r) ? r : r?.items || [];
        }).catch((e) => {
          s.subs = [];
          s.error = problemText(e);
        }).finally(() => {
          s.loaded = true;
          s.loading = false;
          ctx.update();
        });
      }
      const subscribed = new Set((s.subs || []).map((x) => x.productId || x.product));
      const available = (products || []).filter((p) => !subscribed.has(p.id));
      const save = async (sub, patch) => {
        s.error = null;
        try {
          const pid = sub.productId || sub.product;
          const r = await api(`/customers/${customer.id}/subscriptions/${encodeURIComponent(pid)}`, { method: 'PATCH', body: patch });
          Object.assign(sub, r && typeof r === 'object' ? r : patch);
          s.changed = true;
          toast('Subscription updated.', 'success');
        } catch (e) {
          s.error = problemText(e);
        }
        ctx.update();
      };
      const addService = async (e) => {
        e.preventDefault();
        const form = new FormData(e.target);
        const productId = form.get('product');
        if (!productId) return;
        s.error = null;
        try {
          const body = { productId, status: form.get('status') || 'active' };
          const q = form.get('quantity');
          if (q) body.quantity = Number(q);
          const r = await api(`/customers/${customer.id}/subscriptions`, { method: 'POST', body });
          s.subs = [...(s.subs || []), r && r.productId ? r : body];
          s.changed = true;
          toast('Service added.', 'success');
          e.target.reset();
        } catch (err) {
          s.error = problemText(err);
        }
        ctx.update();
      };
      const byId = new Map((products || []).map((p) => [p.id, p]));
      return html`<div class="modal-body">
        ${!s.loaded ? html`<p class="muted">Loading subscriptions…</p>` : html`
          ${(s.subs || []).length === 0 ? html`<p class="muted">No subscriptions yet.</p>` : html`
          <table class="data-table compact"><thead><tr><th scope="col">Product</th><th scope="col">Status</th>
            <th scope="col">Quantity</th><th scope="col">Dates</th></tr></thead>
          <tbody>${s.subs.map((sub) => {
            const pid = sub.productId || sub.product;
            const p = byId.get(pid) || { id: pid, name: sub.productName || pid };
            return html`<tr>
              <td><span class="with-icon">${productIcon(p)}${p.name}</span></td>
              <td><select class="select small" aria-label=${`Status of ${p.name}`} @change=${(e) => save(sub, { status: e.target.value })}>
                ${SUBSCRIPTION_STATUSES.map(([code, label]) => html`<option value=${code} ?selected=${sub.status === code}>${label}</option>`)}
                ${SUBSCRIPTION_STATUSES.some(([c]) => c === sub.status) ? nothing : html`<option selected value=${sub.status}>${statusLabel(sub.status)}</option>`}
              </select></td>
              <td><input class="input small num" type="number" min="0" aria-label=${`Quantity of ${p.name}`} .value=${sub.quantity ?? ''}
                @change=${(e) => save(sub, { quantity: e.target.value === '' ? null : Number(e.target.value) })}></td>
              <td class="muted">${sub.startDate || sub.start ? date(sub.startDate || sub.start) : ''}${sub.endDate || sub.end ? ` – ${date(sub.endDate || sub.end)}` : ''}</td>
            </tr>`;
          })}</tbody></table>`}
          <form class="add-service" @submit=${addService}>
            <h3>Add a service</h3>
            ${available.length === 0 ? html`<p class="muted">Every deployed product is already subscribed.</p>` : html`
            <div class="inline-fields">
              <label class="field"><span>Product</span><select class="select" name="product" required>
                ${available.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select></label>
              <label class="field"><span>Status</span><select class="select" name="status">
                ${SUBSCRIPTION_STATUSES.map(([code, label]) => html`<option value=${code} ?selected=${code === (add ? 'trial' : 'active')}>${label}</option>`)}</select></label>
              <label class="field"><span>Quantity</span><input class="input" type="number" min="0" name="quantity" placeholder="${number(0)}"></label>
              <button type="submit" class="button primary">${icon('plus', 'icon small')}Add</button>
            </div>`}
          </form>`}
        ${errorLine(ctx)}
        <div class="modal-actions"><button type="button" class="button" @click=${() => ctx.close(!!s.changed)}>Done</button></div>
      </div>`;
    },
  });
}

/**
 * "Generate report": the templates that apply to the customer, and who should receive the report — staff of the
 * partner (in the portal) and the customer's report recipients (by e-mail, after confirming the address), the
 * latter only while the customer's "send reports" setting is on. Resolves the generated report, or undefined.
 */
export async function generateReport(customer) {
  let templates;
  let recipients;
  try {
    [templates, recipients] = await Promise.all([
      api(`/customers/${customer.id}/report-templates`), api(`/customers/${customer.id}/report-recipients`)]);
  } catch (e) {
    if (e.status !== 401) toast(problemText(e), 'error');
    return undefined;
  }
  const items = templates.items || [];
  return modal({
    title: 'Generate report',
    view: (ctx) => {
      const s = ctx.state;
      if (!s.init) Object.assign(s, { init: true, template: items[0]?.id, staff: new Set(), addresses: new Set() });
      const toggle = (set, v) => (e) => { if (e.target.checked) set.add(v); else set.delete(v); ctx.update(); };
      const submit = async (e) => {
        e.preventDefault();
        if (s.busy) return;
        if (!s.staff.size && !s.addresses.size) {
          s.error = 'Choose who should receive the report.';
          ctx.update();
          return;
        }
        s.busy = true;
        s.error = null;
        ctx.update();
        try {
          const g = await api(`/customers/${customer.id}/reports`, { method: 'POST',
            body: { templateId: Number(s.template), staffIds: [...s.staff], addresses: [...s.addresses] } });
          const verifying = g.recipients.filter((r) => r.status === 'verify').length;
          toast(`Report “${g.title}” generated${verifying ? `; ${verifying} recipient(s) first confirm their address by e-mail` : ''}.`, 'success');
          ctx.close(g);
        } catch (err) {
          s.busy = false;
          s.error = problemText(err);
          ctx.update();
        }
      };
      if (!items.length) {
        return html`<div class="modal-body"><p>No report template applies to this customer. A partner admin creates templates
          (POST /api/v1/report-templates).</p><div class="modal-actions">
          <button type="button" class="button" @click=${() => ctx.close()}>Close</button></div></div>`;
      }
      return html`<form class="modal-body" @submit=${submit}>
        <label class="field"><span>Template</span>
          <select class="select" name="template" @change=${(e) => { s.template = e.target.value; }}>
            ${items.map((t) => html`<option value=${t.id} ?selected=${String(s.template) === String(t.id)}>${t.name}</option>`)}
          </select></label>
        <fieldset class="field"><legend>Staff (in the portal)</legend>
          ${(recipients.staff || []).map((p) => html`<label class="check"><input type="checkbox" name="staff" value=${p.id}
            .checked=${s.staff.has(p.id)} @change=${toggle(s.staff, p.id)}><span>${p.displayName}</span></label>`)}
        </fieldset>
        <fieldset class="field"><legend>The customer's report recipients (by e-mail)</legend>
          ${recipients.reportSend ? (recipients.customerRecipients || []).map((a) => html`<label class="check"><input type="checkbox"
            name="address" value=${a} .checked=${s.addresses.has(a)} @change=${toggle(s.addresses, a)}><span>${a}</span></label>`)
            : html`<p class="muted">Sending reports to this customer is off (Edit customer information).</p>`}
        </fieldset>
        ${errorLine(ctx)}
        <div class="modal-actions">
          <button type="button" class="button" @click=${() => ctx.close()}>Cancel</button>
          <button type="submit" class="button primary" ?disabled=${s.busy}>${s.busy ? 'Generating…' : 'Generate'}</button>
        </div>
      </form>`;
    },
  });
}
