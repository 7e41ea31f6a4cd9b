// Small DOM helpers shared by the views: an element builder, the notice and problem regions,
// modal dialogs, copy buttons, times, statuses, and keeping focus across re-renders. Text always
// goes in as text nodes, never as HTML.

/** h('button', {type: 'button', onclick}, 'Save') — attributes, on* handlers, then children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value' && 'value' in element) {
      element.value = value;
    } else if (name === 'checked' || name === 'selected') {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children; like h(), skips null and flattens arrays. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let ids = 0;
/** A unique id for label/for and aria-describedby pairs. */
export function uid(prefix = 'f') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** Replaces the main region with a view and moves focus to its heading. */
export function render(...children) {
  const main = document.getElementById('main');
  main.replaceChildren();
  append(main, children);
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** The view for an address that names nothing (an unknown or deleted webhook, a mistyped type). */
export function renderNotFound(title, detail, back = { href: '#/webhooks', label: '← Webhooks' }) {
  render(
    h('p', { class: 'breadcrumb' }, h('a', { href: back.href }, back.label)),
    h('h1', {}, title),
    h('p', { class: 'empty not-found' }, detail));
}

/**
 * A short message for everyone, read out politely by screen readers; kept for a while. Kinds:
 * 'success' (green), 'info' (neutral) and 'warning' (amber, e.g. the rate-limit countdown).
 */
export function notify(text, { key, sticky = false, kind = 'info' } = {}) {
  const region = document.getElementById('notices');
  let item = key ? region.querySelector(`[data-key="${key}"]`) : null;
  if (!item) {
    item = h('p', { class: 'notice', 'data-key': key });
    region.append(item);
  }
  item.className = `notice notice-${kind}`;
  item.textContent = text;
  clearTimeout(item.timer);
  if (!sticky) {
    item.timer = setTimeout(() => item.remove(), 8000);
  }
  return item;
}

export function dismissNotice(key) {
  document.querySelector(`#notices [data-key="${key}"]`)?.remove();
}

/**
 * Shows an API problem (its title and detail, and each field error) and moves focus to it.
 * `labels` turns the API's field names into the words the form uses ({url: 'URL'}).
 */
export function showProblem(error, explanation, { labels = {} } = {}) {
  if (error?.handled) return;
  const box = document.getElementById('problem');
  const problem = error?.problem ?? { title: 'Something went wrong', detail: String(error?.message ?? error) };
  fill(box,
    h('p', { class: 'problem-title' }, problem.title ?? `HTTP ${error?.status ?? ''}`),
    problem.detail ? h('p', { class: 'problem-detail' }, problem.detail) : null,
    Array.isArray(problem.errors) && problem.errors.length > 0
      ? h('ul', { class: 'problem-errors' },
          problem.errors.map((e) => h('li', { 'data-field': e.field }, h('strong', {}, fieldLabel(e.field, labels)), ': ', e.message)))
      : null,
    explanation ? h('p', { class: 'problem-explanation' }, explanation) : null,
    problem.requestId ? h('p', { class: 'problem-request' }, `Request id: ${problem.requestId}`) : null,
    h('button', { type: 'button', class: 'link-button', onclick: clearProblem }, 'Dismiss'),
  );
  box.hidden = false;
  box.focus();
}

/** "filters[0].property" → "Filter 1: Property" with the form's own words where it has them. */
export function fieldLabel(field, labels = {}) {
  if (!field) return 'Request';
  if (labels[field]) return labels[field];
  const indexed = field.match(/^(\w+)\[(\d+)\](?:\.(.+))?$/);
  if (indexed) {
    const [, list, index, rest] = indexed;
    const base = labels[list] ?? humanise(list);
    const singular = base.replace(/s$/, '');
    return `${singular} ${Number(index) + 1}${rest ? `: ${labels[`${list}.${rest}`] ?? humanise(rest)}` : ''}`;
  }
  return humanise(field);
}

function humanise(name) {
  const words = name.replace(/\./g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function clearProblem() {
  const box = document.getElementById('problem');
  box.hidden = true;
  box.replaceChildren();
}

/**
 * A modal dialog (native <dialog>: focus is trapped inside). Resolves with the value of the
 * button that closed it, or null; focus returns to where it was. Focus starts on the action
 * whose value is `initialFocus` (the safe choice), or on the element `focus` names. With
 * `dismissible: false`, Escape does nothing: only an action closes it.
 */
export function openDialog({ title, body, actions, className, initialFocus, focus, dismissible = true }) {
  const opener = document.activeElement;
  const titleId = uid('dialog-title');
  const buttons = actions.map(({ label, value, primary, danger }) =>
    h('button', {
      type: 'button',
      class: danger ? 'danger' : primary ? 'primary' : undefined,
      'data-value': value,
      onclick: () => {
        closing = true;
        dialog.close(value);
      },
    }, label));
  let closing = false;
  const dialog = h('dialog', { 'aria-labelledby': titleId, class: className },
    h('h2', { id: titleId }, title),
    h('div', { class: 'dialog-body' }, body),
    h('div', { class: 'dialog-actions' }, buttons));
  document.body.append(dialog);
  const start = () => {
    const target = focus ?? buttons.find((b) => b.dataset.value === initialFocus);
    target?.focus();
  };
  return new Promise((resolve) => {
    if (!dismissible) {
      dialog.addEventListener('cancel', (event) => event.preventDefault());
    }
    dialog.addEventListener('close', () => {
      if (!dismissible && !closing) {
        // Chromium lets a second Escape through a prevented cancel: show it again at once
        dialog.showModal();
        start();
        return;
      }
      const value = dialog.returnValue || null;
      dialog.remove();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(value);
    });
    dialog.showModal();
    start();
  });
}

/** A destructive action's confirmation; it opens on Cancel. */
export async function confirmDialog(title, text, confirmLabel) {
  const answer = await openDialog({
    title,
    body: h('p', {}, text),
    actions: [
      { label: 'Cancel', value: 'cancel' },
      { label: confirmLabel, value: 'confirm', danger: true },
    ],
    initialFocus: 'cancel',
  });
  return answer === 'confirm';
}

/** Copies text, with a fallback for browsers that refuse the async clipboard here. */
export async function copyText(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = input ?? h('textarea', { class: 'visually-hidden', 'aria-hidden': 'true', tabindex: '-1' });
    if (!input) {
      field.value = text;
      document.body.append(field);
    }
    field.select();
    const copied = document.execCommand('copy');
    if (!input) field.remove();
    return copied;
  }
}

/** A small "Copy" button for an id, a URL or a payload; says what it copied in a live region. */
export function copyButton(text, what) {
  const status = h('span', { class: 'copy-status', role: 'status' });
  const button = h('button', {
    type: 'button',
    class: 'copy',
    'data-copy': typeof text === 'function' ? undefined : text,
    onclick: async () => {
      const value = typeof text === 'function' ? text() : text;
      status.textContent = (await copyText(value)) ? 'Copied' : 'Copy failed: select the text and copy it';
      clearTimeout(status.timer);
      status.timer = setTimeout(() => { status.textContent = ''; }, 4000);
    },
  }, 'Copy', h('span', { class: 'visually-hidden' }, ` ${what}`));
  return h('span', { class: 'copy-wrap' }, button, status);
}

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS = [
  ['year', 365 * 24 * 3600], ['month', 30 * 24 * 3600], ['week', 7 * 24 * 3600], ['day', 24 * 3600],
  ['hour', 3600], ['minute', 60], ['second', 1],
];

/** "3 minutes ago", "in 5 hours". */
export function relativeTime(value, now = Date.now()) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 10) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return RELATIVE.format(Math.round(seconds / size), unit);
    }
  }
  return String(value);
}

/** The absolute time with its zone: "2 Dec 2026, 09:41:07 CET (Europe/Amsterdam)". */
export function formatTime(value) {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const text = date.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
    timeZoneName: 'short',
  });
  return `${text} (${ZONE})`;
}

/** A <time> reading relatively, with the absolute time and zone on hover (its title, the accessible description). */
export function timeElement(value) {
  if (!value) return '—';
  const absolute = formatTime(value);
  return h('time', { datetime: value, title: absolute }, relativeTime(value));
}

/** JSON text pretty-printed when it parses, as it came otherwise. */
export function pretty(text) {
  if (text === null || text === undefined || text === '') return '';
  if (typeof text !== 'string') return JSON.stringify(text, null, 2);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export const STATUS_EXPLANATIONS = {
  pending: 'Queued: the next attempt is due at the time shown (or now).',
  parked: 'Pending, but its webhook is disabled: it is queued again as soon as the webhook is enabled.',
  delivering: 'An attempt is in flight right now.',
  waiting: 'The receiver answered 202 (asynchronous acknowledgement) and has not yet said done or failed.',
  succeeded: 'The receiver answered 2xx (or acknowledged it as done).',
  failed: 'Every attempt allowed failed. Resend or recover it to try again.',
};

/**
 * A delivery's status as a badge with its meaning on hover (and in the statusLegend() of every
 * page that shows statuses). A pending delivery with no next attempt under a disabled webhook
 * reads "paused".
 */
export function statusBadge(status, { parked = false } = {}) {
  const key = parked && status === 'pending' ? 'parked' : status;
  const label = key === 'parked' ? 'paused' : status;
  const explanation = STATUS_EXPLANATIONS[key] ?? '';
  return h('span', { class: `badge badge-${key}`, title: explanation, 'data-status': status }, label);
}

/** A disclosure listing what each delivery status means. */
export function statusLegend() {
  return h('details', { class: 'legend' },
    h('summary', {}, 'What the statuses mean'),
    h('dl', { class: 'facts' },
      Object.entries(STATUS_EXPLANATIONS).map(([key, text]) => [
        h('dt', {}, h('span', { class: `badge badge-${key}` }, key === 'parked' ? 'paused' : key)),
        h('dd', {}, text)])));
}

/**
 * Runs `change` (which re-renders part of the page) and puts focus back on the element that had
 * it, found again by its data-focus-key, so keyboard users never fall back to the page's start.
 */
export async function keepingFocus(change) {
  const active = document.activeElement;
  const key = active?.closest?.('[data-focus-key]')?.dataset.focusKey;
  const result = await change();
  if (key && (!active.isConnected || document.activeElement === document.body)) {
    document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
  }
  return result;
}

export function percent(rate) {
  if (rate === null || rate === undefined) return '—';
  const value = rate * 100;
  return `${value >= 99.95 || value === 0 ? value.toFixed(0) : value.toFixed(1)} %`;
}

/** Input value of a datetime-local for a Date, in local time. */
export function localInputValue(date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
