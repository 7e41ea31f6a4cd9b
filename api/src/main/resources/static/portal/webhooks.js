// The webhooks page (list with status and actions) and the create/edit form with every field
// of a webhook, plus the secret, rotate, test and delete interactions.
import { all, call } from './api.js';
import { eventTypes, grouped } from './catalog.js';
import {
  clearProblem, confirmDialog, copyText, h, notify, openDialog, render, showProblem, statusBadge,
  timeElement, uid,
} from './ui.js';

const CAP_EXPLANATION = 'Each tenant can have a limited number of webhooks (3 unless your platform operator '
  + 'set another limit). Delete a webhook you no longer need, or edit an existing one to subscribe it to '
  + 'these events as well.';

const GRACE_CHOICES = [
  { seconds: 0, label: 'Reset now', hint: 'The old secret stops working at once. Use this when it leaked.' },
  { seconds: 3600, label: '1 hour', hint: 'Both secrets sign deliveries for an hour.' },
  { seconds: 86400, label: '24 hours', hint: 'Both secrets sign deliveries for a day (the usual choice).' },
  { seconds: 604800, label: '7 days', hint: 'Both secrets sign deliveries for a week.' },
];

const SCHEMES = [
  { value: 'standard', label: 'Standard Webhooks', hint: 'webhook-id, webhook-timestamp and webhook-signature (HMAC-SHA256 of id.timestamp.body).' },
  { value: 'x-secret', label: 'X-Secret', hint: 'Standard Webhooks signature, plus the secret itself in an X-Secret header (for receivers that can only compare a shared secret).' },
  { value: 'message-hash', label: 'Message hash', hint: 'Standard Webhooks signature, plus MessageHash: hex SHA-1 of secret + body.' },
];

const OPERATORS = [
  { value: 'equals', label: 'equals' },
  { value: 'not_equals', label: 'does not equal' },
  { value: 'in', label: 'is one of' },
  { value: 'not_in', label: 'is none of' },
];

// ---------------------------------------------------------------------------------------------
// List

export async function webhookList() {
  const body = h('div', { class: 'list-body' }, h('p', { class: 'loading' }, 'Loading webhooks…'));
  render(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Webhooks'),
      h('a', { href: '#/webhooks/new', class: 'button primary', id: 'new-webhook' }, 'New webhook')),
    h('p', { class: 'lead' }, 'Each webhook receives the events it subscribes to, signed, at its URL.'),
    body,
  );
  const webhooks = await all('/v1/webhooks');
  const last = await Promise.all(webhooks.map((webhook) => lastDelivery(webhook.id)));
  if (webhooks.length === 0) {
    body.replaceChildren(h('p', { class: 'empty' }, 'No webhooks yet. Create one to start receiving events.'));
    return;
  }
  body.replaceChildren(h('table', { class: 'webhooks' },
    h('caption', { class: 'visually-hidden' }, 'Webhooks of this tenant'),
    h('thead', {}, h('tr', {},
      ['Webhook', 'Status', 'Failure streak', 'Last delivery', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, webhooks.map((webhook, i) => row(webhook, last[i])))));
}

async function lastDelivery(id) {
  try {
    const page = await call('GET', `/v1/webhooks/${encodeURIComponent(id)}/deliveries?limit=1`);
    return page.data[0] ?? null;
  } catch {
    return null;
  }
}

function row(webhook, last) {
  const tr = h('tr', { 'data-webhook-id': webhook.id });
  const result = h('output', { class: 'test-result', 'aria-live': 'polite' });
  const enabledId = uid('enabled');
  tr.append(
    h('td', {},
      h('a', { href: `#/webhooks/${webhook.id}`, class: 'webhook-name' }, webhook.name),
      h('div', { class: 'url' }, webhook.url),
      h('div', { class: 'hint' }, `${webhook.events.length} event type${webhook.events.length === 1 ? '' : 's'}: ${webhook.events.join(', ')}`)),
    h('td', { class: 'status' }, webhook.enabled
      ? h('span', { class: 'badge badge-enabled' }, 'Enabled')
      : [h('span', { class: 'badge badge-disabled' }, 'Disabled'),
        h('div', { class: 'disabled-reason' }, webhook.disabledReason ?? 'Turned off by an admin.')]),
    h('td', { class: 'streak' }, String(webhook.consecutiveFailures),
      h('span', { class: 'visually-hidden' }, ' consecutive failed attempts')),
    h('td', { class: 'last-delivery' }, last
      ? [statusBadge(last.status), ' ', last.eventType, h('br'), timeElement(last.updatedAt)]
      : 'None yet'),
    h('td', { class: 'actions' },
      h('div', { class: 'action-row' },
        h('span', { class: 'switch' },
          h('input', {
            type: 'checkbox', role: 'switch', id: enabledId, class: 'toggle-enabled', checked: webhook.enabled,
            onchange: (e) => toggle(tr, webhook, last, e.currentTarget),
          }),
          h('label', { for: enabledId }, 'Enabled', h('span', { class: 'visually-hidden' }, ` (${webhook.name})`))),
        button('Test', 'action-test', webhook, () => test(tr, webhook, result)),
        h('a', { href: `#/webhooks/${webhook.id}/log`, class: 'button action-log' },
          'Log', h('span', { class: 'visually-hidden' }, ` of ${webhook.name}`)),
        h('a', { href: `#/webhooks/${webhook.id}`, class: 'button action-edit' },
          'Edit', h('span', { class: 'visually-hidden' }, ` ${webhook.name}`)),
        button('Rotate secret', 'action-rotate', webhook, () => rotate(webhook)),
        button('Delete', 'action-delete danger', webhook, () => remove(tr, webhook))),
      result),
  );
  return tr;
}

function button(label, className, webhook, onclick) {
  return h('button', { type: 'button', class: className, onclick },
    label, h('span', { class: 'visually-hidden' }, ` ${webhook.name}`));
}

async function toggle(tr, webhook, last, checkbox) {
  const enabled = checkbox.checked;
  checkbox.disabled = true;
  try {
    const updated = await call('PATCH', `/v1/webhooks/${encodeURIComponent(webhook.id)}`, { enabled });
    const replacement = row(updated, last);
    tr.replaceWith(replacement);
    replacement.querySelector('.toggle-enabled').focus();
    notify(enabled
      ? `${updated.name} is enabled again; its failure streak starts from zero.`
      : `${updated.name} is disabled: it keeps its settings and receives nothing until enabled again.`);
  } catch (e) {
    checkbox.checked = !enabled;
    checkbox.disabled = false;
    showProblem(e);
  }
}

async function test(tr, webhook, result) {
  const trigger = tr.querySelector('.action-test');
  trigger.disabled = true;
  result.textContent = 'Sending a webhook.test event…';
  try {
    const attempt = await call('POST', `/v1/webhooks/${encodeURIComponent(webhook.id)}/test`);
    const text = describeAttempt(attempt);
    result.textContent = text;
    result.className = `test-result ${attempt.succeeded ? 'ok' : 'failed'}`;
    notify(`${webhook.name}: ${text}`);
    const last = await lastDelivery(webhook.id);
    tr.querySelector('.last-delivery').replaceChildren(
      ...(last ? [statusBadge(last.status), ' ', last.eventType, h('br'), timeElement(last.updatedAt)] : ['None yet']));
  } catch (e) {
    result.textContent = '';
    showProblem(e);
  } finally {
    trigger.disabled = false;
  }
}

function describeAttempt(attempt) {
  const status = attempt.statusCode === null || attempt.statusCode === undefined
    ? 'no response'
    : `HTTP ${attempt.statusCode}`;
  const detail = attempt.error ? ` (${attempt.error})` : '';
  return attempt.succeeded
    ? `Test delivered: ${status} in ${attempt.durationMs} ms.`
    : `Test failed: ${status}${detail} after ${attempt.durationMs} ms.`;
}

async function remove(tr, webhook) {
  const sure = await confirmDialog(
    `Delete “${webhook.name}”?`,
    `It stops receiving events at once, and its delivery log goes with it. This cannot be undone.`,
    'Delete webhook');
  if (!sure) return;
  try {
    await call('DELETE', `/v1/webhooks/${encodeURIComponent(webhook.id)}`);
    tr.remove();
    notify(`${webhook.name} was deleted.`);
    if (!document.querySelector('tr[data-webhook-id]')) {
      document.querySelector('.list-body')?.replaceChildren(
        h('p', { class: 'empty' }, 'No webhooks yet. Create one to start receiving events.'));
    }
    document.querySelector('#main h1')?.focus();
  } catch (e) {
    showProblem(e);
  }
}

async function rotate(webhook) {
  const name = uid('grace');
  const choices = h('fieldset', { class: 'choices' },
    h('legend', {}, 'How long may the old secret keep signing?'),
    GRACE_CHOICES.map((choice) => {
      const id = uid('grace');
      const hintId = uid('hint');
      return h('div', { class: 'choice' },
        h('input', {
          type: 'radio', name, id, value: String(choice.seconds), 'aria-describedby': hintId,
          checked: choice.seconds === 86400, 'data-grace': String(choice.seconds),
        }),
        h('label', { for: id }, choice.label),
        h('div', { id: hintId, class: 'hint' }, choice.hint));
    }));
  const answer = await openDialog({
    title: `Rotate the secret of “${webhook.name}”`,
    body: [h('p', {}, 'A new signing secret is made and shown once. Update your receiver with it; '
      + 'during the grace period each delivery carries a signature with each secret.'), choices],
    actions: [
      { label: 'Cancel', value: 'cancel' },
      { label: 'Rotate secret', value: 'rotate', primary: true },
    ],
  });
  if (answer !== 'rotate') return;
  const graceSeconds = Number(choices.querySelector('input:checked')?.value ?? 86400);
  try {
    const rotated = await call('POST', `/v1/webhooks/${encodeURIComponent(webhook.id)}/secret/rotate`, { graceSeconds });
    await showSecret(rotated.secret, {
      title: 'New signing secret',
      note: rotated.previousSecretExpiresAt
        ? ['The old secret keeps signing until ', timeElement(rotated.previousSecretExpiresAt), '.']
        : 'The old secret no longer signs anything.',
    });
  } catch (e) {
    showProblem(e);
  }
}

/** The secret, once: nothing keeps it after the dialog closes. */
function showSecret(secret, { title, note }) {
  const inputId = uid('secret');
  const input = h('input', {
    id: inputId, class: 'secret-value', type: 'text', readonly: true, value: secret, spellcheck: 'false',
    autocomplete: 'off',
  });
  const copied = h('span', { class: 'copy-status', role: 'status' });
  const body = [
    h('p', { class: 'warning' }, 'Copy this secret now and store it with your receiver: it is shown only this once.'),
    h('label', { for: inputId }, 'Signing secret'),
    h('div', { class: 'secret-row' },
      input,
      h('button', {
        type: 'button',
        class: 'copy-secret',
        onclick: async () => {
          copied.textContent = (await copyText(secret, input)) ? 'Copied to the clipboard.' : 'Copy failed: select the text and copy it.';
        },
      }, 'Copy')),
    copied,
    note ? h('p', {}, note) : null,
  ];
  return openDialog({
    title,
    body,
    className: 'secret-dialog',
    actions: [{ label: 'I have stored it', value: 'done', primary: true }],
  });
}

// ---------------------------------------------------------------------------------------------
// Form

export async function webhookForm(id) {
  const creating = id === null;
  render(
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/webhooks' }, '← Webhooks')),
    h('h1', {}, creating ? 'New webhook' : 'Edit webhook'),
    h('p', { class: 'loading' }, 'Loading…'),
  );
  const [types, webhook] = await Promise.all([
    eventTypes(),
    creating ? Promise.resolve(null) : call('GET', `/v1/webhooks/${encodeURIComponent(id)}`),
  ]);
  const form = buildForm(types, webhook);
  render(
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/webhooks' }, '← Webhooks')),
    h('h1', {}, creating ? 'New webhook' : `Edit “${webhook.name}”`),
    creating ? null : tabs(webhook.id, 'settings'),
    form.element,
  );
  form.element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem();
    const body = form.read();
    const save = form.element.querySelector('button[type=submit]');
    save.disabled = true;
    try {
      if (creating) {
        const created = await call('POST', '/v1/webhooks', body);
        notify(`${created.name} was created.`);
        await showSecret(created.secret, {
          title: 'Webhook created: its signing secret',
          note: 'Receivers verify each delivery’s webhook-signature with it.',
        });
      } else {
        if (body.enabled === webhook.enabled) delete body.enabled; // enabling again resets the streak
        const updated = await call('PATCH', `/v1/webhooks/${encodeURIComponent(webhook.id)}`, body);
        notify(`${updated.name} was saved.`);
      }
      location.hash = '#/webhooks';
    } catch (e) {
      save.disabled = false;
      showProblem(e, e.is?.('webhook-limit-reached') ? CAP_EXPLANATION : undefined);
    }
  });
}

export function tabs(webhookId, active) {
  const tab = (key, label, href) => h('a', {
    href, class: `tab${active === key ? ' active' : ''}`, 'aria-current': active === key ? 'page' : undefined,
  }, label);
  return h('nav', { class: 'tabs', 'aria-label': 'Webhook' },
    tab('settings', 'Settings', `#/webhooks/${webhookId}`),
    tab('log', 'Log', `#/webhooks/${webhookId}/log`));
}

function buildForm(types, webhook) {
  const value = webhook ?? {
    name: '', url: '', events: [], sites: [], filters: [], enabled: true, headers: {}, timeoutSeconds: 10,
    retry: { enabled: true, maxAttempts: 8 }, asyncAcknowledgement: false, signatureScheme: 'standard',
  };
  const selected = new Set(value.events);
  const order = [...value.events]; // keep the events in the order they were chosen
  const element = h('form', { class: 'webhook-form' });

  // basics
  const name = field('Name', h('input', { name: 'name', required: true, maxlength: 200, value: value.name, autocomplete: 'off' }),
    'A name your team recognises, e.g. “ERP sync”.');
  const url = field('URL', h('input', { name: 'url', type: 'url', required: true, maxlength: 2048, value: value.url, autocomplete: 'off' }),
    'Where deliveries are POSTed. https only, on a public address.');
  const enabled = checkbox('Enabled', 'enabled', value.enabled, 'A disabled webhook keeps its settings and receives nothing.');
  element.append(section('Endpoint', name.wrapper, url.wrapper, enabled.wrapper));

  // events
  const search = h('input', { type: 'search', id: uid('event-search'), class: 'event-search', autocomplete: 'off' });
  const eventBoxes = [];
  const groups = h('div', { class: 'event-groups' });
  for (const [group, list] of grouped(types)) {
    groups.append(h('fieldset', { class: 'event-group', 'data-group': group },
      h('legend', {}, group),
      list.map((type) => {
        const id = uid('event');
        const hintId = uid('hint');
        const box = h('input', {
          type: 'checkbox', id, name: 'events', value: type.name, checked: selected.has(type.name),
          'aria-describedby': hintId,
          onchange: () => {
            if (box.checked && !order.includes(type.name)) order.push(type.name);
            if (!box.checked && order.includes(type.name)) order.splice(order.indexOf(type.name), 1);
            refreshFilterEvents();
          },
        });
        eventBoxes.push(box);
        return h('div', { class: 'event-choice', 'data-event': type.name },
          box, h('label', { for: id }, type.name), h('div', { id: hintId, class: 'hint' }, type.description));
      })));
  }
  search.addEventListener('input', () => {
    const needle = search.value.trim().toLowerCase();
    for (const choice of groups.querySelectorAll('.event-choice')) {
      const text = choice.textContent.toLowerCase();
      choice.hidden = needle !== '' && !text.includes(needle) && !choice.querySelector('input').checked;
    }
  });
  element.append(section('Events',
    h('p', { class: 'hint' }, 'Pick at least one event type. Each delivery carries one event.'),
    h('label', { for: search.id }, 'Find event types'), search,
    groups));
  const selectedEvents = () => order.filter((n) => eventBoxes.some((b) => b.value === n && b.checked));

  // sites and filters
  const sites = field('Sites', h('textarea', { name: 'sites', rows: 2, value: value.sites.join('\n') }),
    'One site id (site_…) per line. Leave empty to receive events of every site.');
  sites.wrapper.append(knownSites(sites.input));
  const filterRows = h('div', { class: 'rows filter-rows' });
  const filterEventSelects = [];
  const refreshFilterEvents = () => {
    const names = selectedEvents();
    for (const select of filterEventSelects) {
      const current = select.value || select.dataset.initial || '';
      const options = !current || names.includes(current) ? names : [current, ...names];
      select.replaceChildren(...options.map((n) => h('option', { value: n }, n)));
      if (current) select.value = current;
    }
  };
  const addFilter = (filter) => {
    const rowId = uid('filter');
    const eventSelect = h('select', { id: `${rowId}-event`, class: 'filter-event', 'data-initial': filter?.event });
    filterEventSelects.push(eventSelect);
    const values = h('textarea', { id: `${rowId}-values`, class: 'filter-values', rows: 2, value: (filter?.values ?? []).join('\n') });
    const operator = h('select', { id: `${rowId}-operator`, class: 'filter-operator' },
      OPERATORS.map((o) => h('option', { value: o.value, selected: o.value === (filter?.operator ?? 'equals') }, o.label)));
    const property = h('input', {
      id: `${rowId}-property`, class: 'filter-property', value: filter?.property ?? '', placeholder: 'data.total.currency',
      autocomplete: 'off',
    });
    const rowElement = h('fieldset', { class: 'row filter-row' },
      h('legend', { class: 'visually-hidden' }, 'Filter'),
      h('div', {}, h('label', { for: eventSelect.id }, 'Event type'), eventSelect),
      h('div', {}, h('label', { for: property.id }, 'Property'), property),
      h('div', {}, h('label', { for: operator.id }, 'Operator'), operator),
      h('div', {}, h('label', { for: values.id }, 'Values (one per line)'), values),
      h('button', {
        type: 'button', class: 'remove-row',
        onclick: () => {
          filterEventSelects.splice(filterEventSelects.indexOf(eventSelect), 1);
          rowElement.remove();
          addFilterButton.focus();
        },
      }, 'Remove filter'));
    filterRows.append(rowElement);
    refreshFilterEvents();
    return rowElement;
  };
  const addFilterButton = h('button', {
    type: 'button', class: 'add-filter',
    onclick: () => addFilter(null).querySelector('select').focus(),
  }, 'Add filter');
  value.filters.forEach(addFilter);
  element.append(section('Sites and filters', sites.wrapper,
    h('p', { class: 'hint' }, 'Filters narrow one event type down: a dotted path into the delivered envelope '
      + '(e.g. data.total.currency) compared with values. All filters of an event type must match.'),
    filterRows, addFilterButton));

  // headers
  const headerRows = h('div', { class: 'rows header-rows' });
  const addHeader = (name, headerValue) => {
    const rowId = uid('header');
    const nameInput = h('input', { id: `${rowId}-name`, class: 'header-name', value: name ?? '', autocomplete: 'off' });
    const valueInput = h('input', { id: `${rowId}-value`, class: 'header-value', value: headerValue ?? '', autocomplete: 'off' });
    const rowElement = h('fieldset', { class: 'row header-row' },
      h('legend', { class: 'visually-hidden' }, 'Header'),
      h('div', {}, h('label', { for: nameInput.id }, 'Header name'), nameInput),
      h('div', {}, h('label', { for: valueInput.id }, 'Value'), valueInput),
      h('button', {
        type: 'button', class: 'remove-row',
        onclick: () => {
          rowElement.remove();
          addHeaderButton.focus();
        },
      }, 'Remove header'));
    headerRows.append(rowElement);
    return rowElement;
  };
  const addHeaderButton = h('button', {
    type: 'button', class: 'add-header', onclick: () => addHeader().querySelector('input').focus(),
  }, 'Add header');
  Object.entries(value.headers).forEach(([n, v]) => addHeader(n, v));
  element.append(section('Extra headers',
    h('p', { class: 'hint' }, 'Static headers sent with every delivery (at most 20), e.g. an API key your receiver expects.'),
    headerRows, addHeaderButton));

  // delivery policy
  const timeout = field('Timeout (seconds)',
    h('input', { name: 'timeoutSeconds', type: 'number', min: 1, max: 30, required: true, value: value.timeoutSeconds }),
    'How long a delivery may take before it counts as failed (1–30 s).');
  const retry = checkbox('Retry failed deliveries', 'retryEnabled', value.retry.enabled,
    'After 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 14 h and 20 h.');
  const attempts = field('Attempts in all',
    h('input', { name: 'maxAttempts', type: 'number', min: 1, max: 10, required: true, value: value.retry.maxAttempts }),
    'Including the first (1–10).');
  const asyncAck = checkbox('Asynchronous acknowledgement', 'asyncAcknowledgement', value.asyncAcknowledgement,
    'Your receiver answers 202 and settles the delivery later through the link in meta.link.');
  const schemeName = uid('scheme');
  const schemes = h('fieldset', { class: 'choices' },
    h('legend', {}, 'Signature scheme'),
    SCHEMES.map((scheme) => {
      const id = uid('scheme');
      const hintId = uid('hint');
      return h('div', { class: 'choice' },
        h('input', {
          type: 'radio', name: schemeName, id, value: scheme.value, checked: scheme.value === value.signatureScheme,
          'aria-describedby': hintId,
        }),
        h('label', { for: id }, scheme.label),
        h('div', { id: hintId, class: 'hint' }, scheme.hint));
    }));
  element.append(section('Delivery', timeout.wrapper, retry.wrapper, attempts.wrapper, asyncAck.wrapper, schemes));

  element.append(h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'primary' }, webhook ? 'Save changes' : 'Create webhook'),
    h('a', { href: '#/webhooks', class: 'button' }, 'Cancel')));

  const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);
  const read = () => ({
    name: name.input.value.trim(),
    url: url.input.value.trim(),
    events: selectedEvents(),
    sites: lines(sites.input.value),
    filters: [...filterRows.querySelectorAll('.filter-row')].map((r) => ({
      event: r.querySelector('.filter-event').value,
      property: r.querySelector('.filter-property').value.trim(),
      operator: r.querySelector('.filter-operator').value,
      values: r.querySelector('.filter-values').value.split('\n').map((s) => s.trim()).filter((s) => s !== ''),
    })),
    enabled: enabled.input.checked,
    headers: Object.fromEntries([...headerRows.querySelectorAll('.header-row')]
      .map((r) => [r.querySelector('.header-name').value.trim(), r.querySelector('.header-value').value])
      .filter(([n]) => n !== '')),
    timeoutSeconds: Number(timeout.input.value),
    retry: { enabled: retry.input.checked, maxAttempts: Number(attempts.input.value) },
    asyncAcknowledgement: asyncAck.input.checked,
    signatureScheme: schemes.querySelector('input:checked')?.value ?? 'standard',
  });
  return { element, read };
}

function section(title, ...children) {
  return h('section', { class: 'form-section' }, h('h2', {}, title), children);
}

/**
 * Buttons that add one of the tenant's sites (GET /v1/sites) to the sites field. A token without
 * commerce:read simply gets none, and the ids are typed by hand.
 */
function knownSites(input) {
  const box = h('div', { class: 'known-sites' });
  call('GET', '/v1/sites?limit=100').then((page) => {
    if (!page?.data?.length) return;
    box.append(h('span', { class: 'hint' }, 'Add a site: '), ...page.data.map((site) => h('button', {
      type: 'button', class: 'chip', 'data-site': site.id,
      'aria-label': `Add site ${site.code}, ${site.name}`,
      onclick: () => {
        const ids = input.value.split('\n').map((s) => s.trim()).filter(Boolean);
        if (!ids.includes(site.id)) input.value = [...ids, site.id].join('\n');
        input.focus();
      },
    }, `${site.code} (${site.name})`)));
  }).catch(() => {});
  return box;
}

function field(label, input, hint) {
  input.id = uid(input.name ?? 'field');
  const hintId = hint ? uid('hint') : undefined;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  const wrapper = h('div', { class: 'field' },
    h('label', { for: input.id }, label), input, hint ? h('div', { id: hintId, class: 'hint' }, hint) : null);
  return { wrapper, input };
}

function checkbox(label, name, checked, hint) {
  const input = h('input', { type: 'checkbox', name, id: uid(name), checked });
  const hintId = uid('hint');
  input.setAttribute('aria-describedby', hintId);
  const wrapper = h('div', { class: 'field checkbox' },
    input, h('label', { for: input.id }, label), h('div', { id: hintId, class: 'hint' }, hint));
  return { wrapper, input };
}
