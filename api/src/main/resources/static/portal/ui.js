// Small DOM helpers shared by the views: an element builder, the notice and problem regions,
// modal dialogs, and formatting. Text always goes in as text nodes, never as HTML.

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

/** A short message for everyone, read out politely by screen readers; kept for a while. */
export function notify(text, { key, sticky = false } = {}) {
  const region = document.getElementById('notices');
  let item = key ? region.querySelector(`[data-key="${key}"]`) : null;
  if (!item) {
    item = h('p', { class: 'notice', 'data-key': key });
    region.append(item);
  }
  item.textContent = text;
  clearTimeout(item.timer);
  if (!sticky) {
    item.timer = setTimeout(() => item.remove(), 10000);
  }
  return item;
}

export function dismissNotice(key) {
  document.querySelector(`#notices [data-key="${key}"]`)?.remove();
}

/** Shows an API problem (its title and detail, and each field error) and moves focus to it. */
export function showProblem(error, explanation) {
  if (error?.handled) return;
  const box = document.getElementById('problem');
  const problem = error?.problem ?? { title: 'Something went wrong', detail: String(error?.message ?? error) };
  fill(box,
    h('p', { class: 'problem-title' }, problem.title ?? `HTTP ${error?.status ?? ''}`),
    problem.detail ? h('p', { class: 'problem-detail' }, problem.detail) : null,
    Array.isArray(problem.errors) && problem.errors.length > 0
      ? h('ul', { class: 'problem-errors' },
          problem.errors.map((e) => h('li', {}, h('code', {}, e.field), ' ', e.message)))
      : null,
    explanation ? h('p', { class: 'problem-explanation' }, explanation) : null,
    problem.requestId ? h('p', { class: 'problem-request' }, `Request id: ${problem.requestId}`) : null,
    h('button', { type: 'button', class: 'link-button', onclick: clearProblem }, 'Dismiss'),
  );
  box.hidden = false;
  box.focus();
}

export function clearProblem() {
  const box = document.getElementById('problem');
  box.hidden = true;
  box.replaceChildren();
}

/**
 * A modal dialog (native <dialog>: focus is trapped inside and Escape closes it). Resolves with
 * the value of the button that closed it, or null; focus returns to where it was.
 */
export function openDialog({ title, body, actions, className }) {
  const opener = document.activeElement;
  const titleId = uid('dialog-title');
  const dialog = h('dialog', { 'aria-labelledby': titleId, class: className },
    h('h2', { id: titleId }, title),
    h('div', { class: 'dialog-body' }, body),
    h('div', { class: 'dialog-actions' },
      actions.map(({ label, value, primary, danger }) =>
        h('button', {
          type: 'button',
          class: danger ? 'danger' : primary ? 'primary' : undefined,
          'data-value': value,
          onclick: () => dialog.close(value),
        }, label))));
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const value = dialog.returnValue || null;
      dialog.remove();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(value);
    });
    dialog.showModal();
  });
}

export async function confirmDialog(title, text, confirmLabel) {
  const answer = await openDialog({
    title,
    body: h('p', {}, text),
    actions: [
      { label: 'Cancel', value: 'cancel' },
      { label: confirmLabel, value: 'confirm', danger: true },
    ],
  });
  return answer === 'confirm';
}

/** Copies text, with a fallback for browsers that refuse the async clipboard here. */
export async function copyText(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (input) {
      input.select();
      return document.execCommand('copy');
    }
    return false;
  }
}

export function formatTime(value) {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

export function timeElement(value) {
  return value ? h('time', { datetime: value }, formatTime(value)) : '—';
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

export function statusBadge(status) {
  return h('span', { class: `badge badge-${status}` }, status);
}
