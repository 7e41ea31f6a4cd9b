// The webhooks page (list with health, status and actions) and the create/edit form with every
// field of a webhook, plus the secret, rotate, test and delete interactions the webhook page
// shares.
import { allWithPage, call } from './api.js';
import { ENVELOPE_PATHS, eventTypes, grouped, schemaPaths } from './catalog.js';
import { fetchStats, healthCell } from './stats.js';
import {
  clearProblem, confirmDialog, copyText, fieldLabel, formatTime, h, notify, openDialog, render, showProblem,
  statusBadge, statusLegend, timeElement, uid,
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

let portalConfig = { disableAfterFailures: 100 };

/** The node's config.json: the list shows failure streaks against its auto-disable threshold. */
export function setPortalConfig(config) {
  if (config) portalConfig = config;
}

export async function webhookList() {
  const body = h('div', { class: 'list-body' }, h('p', { class: 'loading' }, 'Loading webhooks…'));
  const capStatus = h('p', { class: 'cap-status', id: 'cap-status' });
  const newWebhook = h('span', { class: 'new-webhook-slot' },
    h('a', { href: '#/webhooks/new', class: 'button primary', id: 'new-webhook' }, 'New webhook'));
  render(
    h('div', { class: 'page-head' },
      h('h1', {}, 'Webhooks'),
      h('div', { class: 'page-actions' }, capStatus, newWebhook)),
    h('p', { class: 'lead' }, 'Each webhook receives the events it subscribes to, signed, at its URL.'),
    body,
  );
  const { items: webhooks, first } = await allWithPage('/v1/webhooks');
  const cap = { limit: first?.webhookLimit, count: webhooks.length, status: capStatus, slot: newWebhook };
  showCap(cap);
  if (webhooks.length === 0) {
    body.replaceChildren(h('p', { class: 'empty' }, 'No webhooks yet. Create one to start receiving events.'));
    return;
  }
  const rows = webhooks.map((webhook) => row(webhook, undefined, undefined, cap));
  body.replaceChildren(
    h('table', { class: 'webhooks responsive' },
      h('caption', { class: 'visually-hidden' }, 'Webhooks of this tenant'),
      h('thead', {}, h('tr', {},
        ['Webhook', 'Status', 'Health (24 h)', 'Failure streak', 'Last delivery', 'Actions']
          .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows)),
    statusLegend());
  // the health and last delivery of each row arrive after the list itself
  await Promise.all(webhooks.map(async (webhook) => {
    const [last, stats] = await Promise.all([
      lastDelivery(webhook.id),
      fetchStats(webhook.id, '24h').catch(() => null),
    ]);
    const tr = document.querySelector(`tr[data-webhook-id="${CSS.escape(webhook.id)}"]`);
    if (!tr) return;
    tr.last = last;
    tr.querySelector('.health-cell').replaceChildren(healthCell(stats));
    tr.querySelector('.last-delivery').replaceChildren(...lastDeliveryView(last, tr.webhook));
  }));
}

/** "2 of 3 webhooks"; at the cap "New webhook" is disabled and the reason stands next to it. */
function showCap(cap) {
  if (cap.limit === undefined || cap.limit === null) {
    cap.status.textContent = '';
    return;
  }
  const full = cap.count >= cap.limit;
  cap.status.textContent = full
    ? `${cap.count} of ${cap.limit} webhooks: the limit of this tenant. Delete one to add another, `
      + 'or ask your platform operator for a higher limit.'
    : `${cap.count} of ${cap.limit} webhooks`;
  cap.status.classList.toggle('at-cap', full);
  const current = cap.slot.querySelector('#new-webhook');
  const hadFocus = document.activeElement === current;
  const replacement = full
    ? h('button', { type: 'button', class: 'primary', id: 'new-webhook', disabled: true, 'aria-describedby': 'cap-status' },
      'New webhook')
    : h('a', { href: '#/webhooks/new', class: 'button primary', id: 'new-webhook' }, 'New webhook');
  cap.slot.replaceChildren(replacement);
  if (hadFocus) replacement.focus();
}

async function lastDelivery(id) {
  try {
    const page = await call('GET', `/v1/webhooks/${encodeURIComponent(id)}/deliveries?limit=1`);
    return page.data[0] ?? null;
  } catch {
    return null;
  }
}

function lastDeliveryView(last, webhook) {
  if (last === undefined) return [h('span', { class: 'hint' }, 'Loading…')];
  if (!last) return ['None yet'];
  return [statusBadge(last.status, { parked: isParked(last, webhook) }), ' ', h('span', { class: 'event-type' }, last.eventType),
    last.lastResponseStatus ? ` · HTTP ${last.lastResponseStatus}` : '', h('br'), timeElement(last.updatedAt)];
}

/** A pending delivery with no next attempt under a disabled webhook waits for it to be enabled. */
export function isParked(delivery, webhook) {
  return delivery.status === 'pending' && !delivery.nextAttemptAt && webhook && !webhook.enabled;
}

/** "46 of 100": the streak against the threshold that disables the webhook. */
export function streakView(webhook) {
  const threshold = portalConfig.disableAfterFailures ?? 100;
  const streak = webhook.consecutiveFailures;
  return [
    h('span', { class: 'streak-figure' }, `${streak} of ${threshold}`),
    h('meter', {
      min: 0, max: threshold, value: Math.min(streak, threshold), low: threshold * 0.25, high: threshold * 0.75,
      optimum: 0, 'aria-label': `Failure streak: ${streak} of ${threshold}`,
    }),
    h('div', { class: 'hint' }, streak === 0
      ? 'No failures since the last success.'
      : `consecutive failed attempts; at ${threshold} the webhook is disabled automatically.`),
  ];
}

function row(webhook, last, stats, cap) {
  const tr = h('tr', { 'data-webhook-id': webhook.id });
  tr.webhook = webhook;
  tr.last = last;
  const result = h('output', { class: 'test-result', 'aria-live': 'polite' });
  const enabledId = uid('enabled');
  const href = `#/webhooks/${encodeURIComponent(webhook.id)}`;
  tr.append(
    h('td', { 'data-label': 'Webhook', class: 'webhook-cell' },
      h('a', { href, class: 'webhook-name' }, webhook.name),
      h('div', { class: 'url' }, webhook.url),
      h('div', { class: 'hint' }, `${webhook.events.length} event type${webhook.events.length === 1 ? '' : 's'}: ${webhook.events.join(', ')}`)),
    h('td', { class: 'status', 'data-label': 'Status' }, webhook.enabled
      ? h('span', { class: 'badge badge-enabled' }, 'Enabled')
      : [h('span', { class: 'badge badge-disabled' }, 'Disabled'),
        h('div', { class: 'disabled-reason' }, webhook.disabledReason ?? 'Turned off by an admin.')]),
    h('td', { class: 'health-cell', 'data-label': 'Health (24 h)' }, healthCell(stats)),
    h('td', { class: 'streak', 'data-label': 'Failure streak' }, streakView(webhook)),
    h('td', { class: 'last-delivery', 'data-label': 'Last delivery' }, lastDeliveryView(last, webhook)),
    h('td', { class: 'actions', 'data-label': 'Actions' },
      h('div', { class: 'action-row' },
        h('span', { class: 'switch' },
          h('input', {
            type: 'checkbox', role: 'switch', id: enabledId, class: 'toggle-enabled', checked: webhook.enabled,
            onchange: (e) => toggle(tr, cap, e.currentTarget),
          }),
          h('label', { for: enabledId }, 'Enabled', h('span', { class: 'visually-hidden' }, ` (${webhook.name})`))),
        button('Test', 'action-test', webhook, () => test(tr, webhook, result)),
        h('a', { href: `${href}/log`, class: 'button action-log' },
          'Log', h('span', { class: 'visually-hidden' }, ` of ${webhook.name}`)),
        h('a', { href: `${href}/settings`, class: 'button action-edit' },
          'Edit', h('span', { class: 'visually-hidden' }, ` ${webhook.name}`)),
        button('Rotate secret', 'action-rotate', webhook, () => rotate(webhook)),
        button('Delete', 'action-delete danger', webhook, () => remove(tr, webhook, cap))),
      result),
  );
  return tr;
}

function button(label, className, webhook, onclick) {
  return h('button', { type: 'button', class: className, onclick },
    label, h('span', { class: 'visually-hidden' }, ` ${webhook.name}`));
}

async function toggle(tr, cap, checkbox) {
  const webhook = tr.webhook;
  const enabled = checkbox.checked;
  checkbox.disabled = true;
  try {
    const updated = await setEnabled(webhook, enabled);
    const replacement = row(updated, tr.last, undefined, cap);
    replacement.querySelector('.health-cell').replaceWith(tr.querySelector('.health-cell'));
    tr.replaceWith(replacement);
    replacement.querySelector('.toggle-enabled').focus();
  } catch (e) {
    checkbox.checked = !enabled;
    checkbox.disabled = false;
    showProblem(e);
  }
}

/** PATCH enabled; enabling again also resets the failure streak (and resumes parked deliveries). */
export async function setEnabled(webhook, enabled) {
  const updated = await call('PATCH', `/v1/webhooks/${encodeURIComponent(webhook.id)}`, { enabled });
  notify(enabled
    ? `${updated.name} is enabled again; its failure streak starts from zero.`
    : `${updated.name} is disabled: it keeps its settings and receives nothing until enabled again.`,
  { kind: 'success' });
  return updated;
}

async function test(tr, webhook, result) {
  const trigger = tr.querySelector('.action-test');
  trigger.disabled = true;
  result.textContent = 'Sending a webhook.test event…';
  try {
    const attempt = await sendTest(webhook, null);
    result.textContent = describeAttempt(attempt);
    result.className = `test-result ${attempt.succeeded ? 'ok' : 'failed'}`;
    const last = await lastDelivery(webhook.id);
    tr.last = last;
    tr.querySelector('.last-delivery').replaceChildren(...lastDeliveryView(last, webhook));
  } catch (e) {
    result.textContent = '';
    showProblem(e);
  } finally {
    trigger.disabled = false;
    if (document.activeElement === document.body) trigger.focus();
  }
}

/** POST …/test: webhook.test (eventType null) or a sample of any catalog type. */
export async function sendTest(webhook, eventType) {
  const attempt = await call('POST', `/v1/webhooks/${encodeURIComponent(webhook.id)}/test`,
    eventType ? { eventType } : undefined);
  notify(`${webhook.name}: ${describeAttempt(attempt)}`, { kind: attempt.succeeded ? 'success' : 'warning' });
  return attempt;
}

export function describeAttempt(attempt) {
  const status = attempt.statusCode === null || attempt.statusCode === undefined
    ? 'no response'
    : `HTTP ${attempt.statusCode}`;
  const detail = attempt.error ? ` (${attempt.error})` : '';
  return attempt.succeeded
    ? `Test delivered: ${status} in ${attempt.durationMs} ms.`
    : `Test failed: ${status}${detail} after ${attempt.durationMs} ms.`;
}

async function remove(tr, webhook, cap) {
  if (!(await deleteWebhook(webhook))) return;
  tr.remove();
  cap.count -= 1;
  showCap(cap);
  if (!document.querySelector('tr[data-webhook-id]')) {
    document.querySelector('.list-body')?.replaceChildren(
      h('p', { class: 'empty' }, 'No webhooks yet. Create one to start receiving events.'));
  }
  document.querySelector('#main h1')?.focus();
}

/** Asks first (the dialog opens on Cancel); true when it was deleted. */
export async function deleteWebhook(webhook) {
  const sure = await confirmDialog(
    `Delete “${webhook.name}”?`,
    `It stops receiving events at once, and its delivery log goes with it. This cannot be undone.`,
    'Delete webhook');
  if (!sure) return false;
  try {
    await call('DELETE', `/v1/webhooks/${encodeURIComponent(webhook.id)}`);
    notify(`${webhook.name} was deleted.`, { kind: 'success' });
    return true;
  } catch (e) {
    showProblem(e);
    return false;
  }
}

/** The rotate dialog: opens on Cancel with "24 hours" chosen, so no key press changes the grace by accident. */
export async function rotate(webhook) {
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
    initialFocus: 'cancel',
  });
  if (answer !== 'rotate') return null;
  const graceSeconds = Number(choices.querySelector('input:checked')?.value ?? 86400);
  try {
    const rotated = await call('POST', `/v1/webhooks/${encodeURIComponent(webhook.id)}/secret/rotate`, { graceSeconds });
    await showSecret(rotated.secret, {
      title: 'New signing secret',
      note: rotated.previousSecretExpiresAt
        ? ['The old secret keeps signing until ', formatTime(rotated.previousSecretExpiresAt), ' (',
          timeElement(rotated.previousSecretExpiresAt), ').']
        : 'The old secret no longer signs anything.',
    });
    return rotated;
  } catch (e) {
    showProblem(e);
    return null;
  }
}

/**
 * The secret, once: nothing keeps it after the dialog closes. Escape does not close it; only
 * "I have stored it" does, and focus starts on Copy.
 */
function showSecret(secret, { title, note }) {
  const inputId = uid('secret');
  const input = h('input', {
    id: inputId, class: 'secret-value', type: 'text', readonly: true, value: secret, spellcheck: 'false',
    autocomplete: 'off',
  });
  const copied = h('span', { class: 'copy-status', role: 'status' });
  const copy = h('button', {
    type: 'button',
    class: 'copy-secret',
    onclick: async () => {
      copied.textContent = (await copyText(secret, input)) ? 'Copied to the clipboard.' : 'Copy failed: select the text and copy it.';
    },
  }, 'Copy');
  const body = [
    h('p', { class: 'warning' }, 'Copy this secret now and store it with your receiver: it is shown only this once.'),
    h('label', { for: inputId }, 'Signing secret'),
    h('div', { class: 'secret-row' }, input, copy),
    copied,
    note ? h('p', {}, note) : null,
  ];
  return openDialog({
    title,
    body,
    className: 'secret-dialog',
    actions: [{ label: 'I have stored it', value: 'done', primary: true }],
    focus: copy,
    dismissible: false,
  });
}

// ---------------------------------------------------------------------------------------------
// Form

export async function webhookForm(id) {
  const creating = id === null;
  const crumb = h('p', { class: 'breadcrumb' }, h('a', { href: '#/webhooks' }, '← Webhooks'));
  render(crumb, h('h1', {}, creating ? 'New webhook' : 'Edit webhook'), h('p', { class: 'loading' }, 'Loading…'));
  const [types, webhook] = await Promise.all([
    eventTypes(),
    creating ? Promise.resolve(null) : call('GET', `/v1/webhooks/${encodeURIComponent(id)}`),
  ]);
  const form = buildForm(types, webhook);
  render(
    crumb,
    h('h1', {}, creating ? 'New webhook' : `Edit “${webhook.name}”`),
    creating ? null : tabs(webhook.id, 'settings'),
    form.element,
  );
  form.element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem();
    form.clearErrors();
    const body = form.read();
    const save = form.element.querySelector('button[type=submit]');
    save.disabled = true;
    try {
      if (creating) {
        const created = await call('POST', '/v1/webhooks', body);
        notify(`${created.name} was created.`, { kind: 'success' });
        await showSecret(created.secret, {
          title: 'Webhook created: its signing secret',
          note: 'Receivers verify each delivery’s webhook-signature with it.',
        });
      } else {
        if (body.enabled === webhook.enabled) delete body.enabled; // enabling again resets the streak
        const updated = await call('PATCH', `/v1/webhooks/${encodeURIComponent(webhook.id)}`, body);
        notify(`${updated.name} was saved.`, { kind: 'success' });
      }
      location.hash = '#/webhooks';
    } catch (e) {
      save.disabled = false;
      showProblem(e, e.is?.('webhook-limit-reached') ? CAP_EXPLANATION : undefined, { labels: FIELD_LABELS });
      form.showErrors(e.problem?.errors ?? []);
    }
  });
}

/** The API's field names in the form's words, for the problem summary. */
const FIELD_LABELS = {
  name: 'Name',
  url: 'URL',
  enabled: 'Enabled',
  events: 'Events',
  sites: 'Sites',
  filters: 'Filters',
  'filters.event': 'Event type',
  'filters.property': 'Property',
  'filters.operator': 'Operator',
  'filters.values': 'Values',
  headers: 'Extra headers',
  timeoutSeconds: 'Timeout (seconds)',
  rateLimit: 'Rate limit (deliveries per second)',
  'retry.enabled': 'Retry failed deliveries',
  'retry.maxAttempts': 'Attempts in all',
  asyncAcknowledgement: 'Asynchronous acknowledgement',
  signatureScheme: 'Signature scheme',
  destination: 'Destination',
  'destination.bootstrapServers': 'Bootstrap servers',
  'destination.topic': 'Topic',
  'destination.key': 'Record key',
  'destination.security.protocol': 'Security protocol',
  'destination.security.saslMechanism': 'SASL mechanism',
  'destination.security.username': 'SASL user',
  'destination.security.password': 'SASL password',
  'destination.uri': 'Broker URI',
  'destination.exchange': 'Exchange',
  'destination.routingKey': 'Routing key',
};

export function tabs(webhookId, active) {
  const base = `#/webhooks/${encodeURIComponent(webhookId)}`;
  const tab = (key, label, href) => h('a', {
    href, class: `tab tab-${key}${active === key ? ' active' : ''}`, 'aria-current': active === key ? 'page' : undefined,
  }, label);
  return h('nav', { class: 'tabs', 'aria-label': 'Webhook' },
    tab('overview', 'Overview', base),
    tab('log', 'Log', `${base}/log`),
    tab('settings', 'Settings', `${base}/settings`));
}

function buildForm(types, webhook) {
  const value = webhook ?? {
    name: '', url: '', events: [], sites: [], filters: [], enabled: true, headers: {}, timeoutSeconds: 10,
    retry: { enabled: true, maxAttempts: 8 }, asyncAcknowledgement: false, signatureScheme: 'standard',
    rateLimit: null,
  };
  const selected = new Set(value.events);
  const order = [...value.events]; // keep the events in the order they were chosen
  const element = h('form', { class: 'webhook-form' });

  // basics
  const name = field('Name', h('input', { name: 'name', required: true, maxlength: 200, value: value.name, autocomplete: 'off' }),
    'A name your team recognises, e.g. “ERP sync”.');
  const dest = value.destination ?? { type: 'https' };
  const destinationType = field('Destination', h('select', { name: 'destinationType' },
    [['https', 'HTTPS endpoint'], ['kafka', 'Kafka topic'], ['amqp', 'AMQP exchange (RabbitMQ)']]
      .map(([v, label]) => h('option', { value: v, selected: v === dest.type }, label))),
    'Kafka and AMQP carry the same signed body and headers; the broker’s acknowledgement is the success.');
  const url = field('URL', h('input', { name: 'url', type: 'url', maxlength: 2048, value: dest.type === 'https' ? value.url : '', autocomplete: 'off' }),
    'Where deliveries are POSTed. https only, on a public address.');
  const security = dest.security ?? {};
  const kafkaFields = {
    bootstrapServers: field('Bootstrap servers', h('input', { name: 'bootstrapServers', maxlength: 1000, value: dest.bootstrapServers ?? '', autocomplete: 'off' }),
      'host:port pairs, comma-separated, on public addresses.'),
    topic: field('Topic', h('input', { name: 'topic', maxlength: 249, value: dest.topic ?? '', autocomplete: 'off' }),
      'Must exist: Hookline never creates topics.'),
    key: field('Record key', h('select', { name: 'key' },
      [['tenant', 'Tenant'], ['event-type', 'Event type'], ['webhook', 'Webhook']]
        .map(([v, label]) => h('option', { value: v, selected: v === (dest.key ?? 'tenant') }, label))),
      'Records of one key keep their order on one partition.'),
    protocol: field('Security protocol', h('select', { name: 'protocol' },
      ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']
        .map((v) => h('option', { value: v, selected: v === (security.protocol ?? 'PLAINTEXT') }, v)))),
    saslMechanism: field('SASL mechanism', h('select', { name: 'saslMechanism' },
      ['', 'PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']
        .map((v) => h('option', { value: v, selected: v === (security.saslMechanism ?? '') }, v || '—')))),
    username: field('SASL user', h('input', { name: 'username', maxlength: 200, value: security.username ?? '', autocomplete: 'off' })),
    password: field('SASL password', h('input', { name: 'password', type: 'password', maxlength: 1024, value: '', autocomplete: 'new-password' }),
      security.password ? 'A password is stored; leave empty to keep it.' : 'Write-only: never shown again.'),
  };
  const amqpFields = {
    uri: field('Broker URI', h('input', { name: 'uri', maxlength: 2048, value: dest.uri ?? '', autocomplete: 'off' }),
      'amqp(s)://user:password@host:port/vhost. The password is write-only; “********” keeps the stored one.'),
    exchange: field('Exchange', h('input', { name: 'exchange', maxlength: 255, value: dest.exchange ?? '', autocomplete: 'off' }),
      'Must exist: Hookline never declares exchanges.'),
    routingKey: field('Routing key', h('input', { name: 'routingKey', maxlength: 255, value: dest.routingKey ?? '', autocomplete: 'off' })),
  };
  const kafkaBox = h('div', { class: 'destination-kafka' }, Object.values(kafkaFields).map((f) => f.wrapper));
  const amqpBox = h('div', { class: 'destination-amqp' }, Object.values(amqpFields).map((f) => f.wrapper));
  const showDestination = () => {
    const type = destinationType.input.value;
    url.wrapper.hidden = type !== 'https';
    url.input.required = type === 'https';
    kafkaBox.hidden = type !== 'kafka';
    amqpBox.hidden = type !== 'amqp';
  };
  destinationType.input.addEventListener('change', showDestination);
  showDestination();
  const readDestination = () => {
    const type = destinationType.input.value;
    if (type === 'kafka') {
      const sec = { protocol: kafkaFields.protocol.input.value };
      if (kafkaFields.saslMechanism.input.value) sec.saslMechanism = kafkaFields.saslMechanism.input.value;
      if (kafkaFields.username.input.value.trim()) sec.username = kafkaFields.username.input.value.trim();
      if (kafkaFields.password.input.value) sec.password = kafkaFields.password.input.value;
      return {
        type, bootstrapServers: kafkaFields.bootstrapServers.input.value.trim(), topic: kafkaFields.topic.input.value.trim(),
        key: kafkaFields.key.input.value, security: sec,
      };
    }
    if (type === 'amqp') {
      return {
        type, uri: amqpFields.uri.input.value.trim(), exchange: amqpFields.exchange.input.value.trim(),
        routingKey: amqpFields.routingKey.input.value.trim(),
      };
    }
    return { type };
  };
  const enabled = checkbox('Enabled', 'enabled', value.enabled, 'A disabled webhook keeps its settings and receives nothing.');
  element.append(section('Endpoint', name.wrapper, destinationType.wrapper, url.wrapper, kafkaBox, amqpBox, enabled.wrapper));

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
  sites.wrapper.append(...knownSites(sites.input));
  const filterRows = h('div', { class: 'rows filter-rows' });
  const filterEventSelects = [];
  const refreshFilterEvents = () => {
    const names = selectedEvents();
    for (const select of filterEventSelects) {
      const current = select.value || select.dataset.initial || '';
      const options = !current || names.includes(current) ? names : [current, ...names];
      select.replaceChildren(...options.map((n) => h('option', { value: n }, n)));
      if (current) select.value = current;
      select.dispatchEvent(new Event('change'));
    }
  };
  const addFilter = (filter) => {
    const rowId = uid('filter');
    const eventSelect = h('select', { id: `${rowId}-event`, class: 'filter-event', 'data-initial': filter?.event });
    filterEventSelects.push(eventSelect);
    const values = h('textarea', { id: `${rowId}-values`, class: 'filter-values', rows: 2, value: (filter?.values ?? []).join('\n') });
    const operator = h('select', { id: `${rowId}-operator`, class: 'filter-operator' },
      OPERATORS.map((o) => h('option', { value: o.value, selected: o.value === (filter?.operator ?? 'equals') }, o.label)));
    const pathsId = `${rowId}-paths`;
    const paths = h('datalist', { id: pathsId });
    const propertyHint = h('div', { id: `${rowId}-property-hint`, class: 'hint property-hint' });
    const property = h('input', {
      id: `${rowId}-property`, class: 'filter-property', value: filter?.property ?? '', placeholder: 'data.total.currency',
      autocomplete: 'off', list: pathsId, 'aria-describedby': propertyHint.id,
    });
    // the chosen event type's schema offers its properties, and says what the typed one holds
    const known = () => {
      const type = types.find((t) => t.name === eventSelect.value);
      return type ? [...schemaPaths(type.schema).filter((p) => p.filterable), ...ENVELOPE_PATHS] : ENVELOPE_PATHS;
    };
    const describeProperty = () => {
      const found = known().find((p) => p.path === property.value.trim());
      propertyHint.textContent = found
        ? `${found.type}${found.constraints ? ` (${found.constraints})` : ''}${found.description ? `: ${found.description}` : ''}`
        : property.value.trim() ? 'Not a property of this event type’s schema.' : 'Pick a property of the event type’s schema.';
    };
    const offerPaths = () => {
      paths.replaceChildren(...known().map((p) => h('option', { value: p.path }, p.type)));
      describeProperty();
    };
    eventSelect.addEventListener('change', offerPaths);
    property.addEventListener('input', describeProperty);
    const rowElement = h('fieldset', { class: 'row filter-row' },
      h('legend', { class: 'visually-hidden' }, 'Filter'),
      h('div', {}, h('label', { for: eventSelect.id }, 'Event type'), eventSelect),
      h('div', { class: 'filter-property-box' }, h('label', { for: property.id }, 'Property'), property, paths, propertyHint),
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
    offerPaths();
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
  const rateLimit = field('Rate limit (deliveries per second)',
    h('input', {
      name: 'rateLimit', type: 'number', min: 1, max: 10000, step: 1, inputmode: 'numeric',
      value: value.rateLimit ?? '', placeholder: 'No limit',
    }),
    'For a receiver that can take only so many requests: at most this many deliveries a second (1–10 000), '
      + 'a second’s worth at once; the rest wait their turn. Leave empty for no limit.');
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
  element.append(section('Delivery', timeout.wrapper, rateLimit.wrapper, retry.wrapper, attempts.wrapper, asyncAck.wrapper, schemes));

  element.append(h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'primary' }, webhook ? 'Save changes' : 'Create webhook'),
    h('a', { href: '#/webhooks', class: 'button' }, 'Cancel')));

  const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);
  const read = () => ({
    name: name.input.value.trim(),
    ...(destinationType.input.value === 'https' ? { url: url.input.value.trim() } : {}),
    destination: readDestination(),
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
    rateLimit: rateLimit.input.value.trim() === '' ? null : Number(rateLimit.input.value),
    retry: { enabled: retry.input.checked, maxAttempts: Number(attempts.input.value) },
    asyncAcknowledgement: asyncAck.input.checked,
    signatureScheme: schemes.querySelector('input:checked')?.value ?? 'standard',
  });
  // where each field's error goes: the control it concerns (aria-invalid) and the box it is shown in
  const targets = (errorField) => {
    const simple = {
      name: name.input, url: url.input, timeoutSeconds: timeout.input, rateLimit: rateLimit.input,
      'retry.maxAttempts': attempts.input,
      sites: sites.input, enabled: enabled.input, asyncAcknowledgement: asyncAck.input,
    };
    if (simple[errorField]) return { control: simple[errorField], box: simple[errorField].closest('.field') };
    const destinationMatch = errorField.match(/^destination\.(?:security\.)?(\w+)$/);
    const destinationField = destinationMatch && (kafkaFields[destinationMatch[1]] ?? amqpFields[destinationMatch[1]]);
    if (destinationField) return { control: destinationField.input, box: destinationField.wrapper };
    if (errorField === 'signatureScheme') return { control: schemes.querySelector('input'), box: schemes };
    if (/^events(\[\d+\])?$/.test(errorField)) return { control: search, box: groups.closest('.form-section') };
    if (/^sites\[\d+\]$/.test(errorField)) return { control: sites.input, box: sites.wrapper };
    let match = errorField.match(/^filters\[(\d+)\](?:\.(\w+))?$/);
    if (match) {
      const filterRow = filterRows.querySelectorAll('.filter-row')[Number(match[1])];
      const control = filterRow?.querySelector(`.filter-${match[2] ?? 'event'}`) ?? filterRow?.querySelector('select');
      return control ? { control, box: control.parentElement } : null;
    }
    match = errorField.match(/^headers\.(.+)$/);
    if (match) {
      const headerRow = [...headerRows.querySelectorAll('.header-row')]
        .find((r) => r.querySelector('.header-name').value.trim() === match[1]);
      const control = headerRow?.querySelector('.header-name');
      return control ? { control, box: control.parentElement } : null;
    }
    if (errorField === 'headers') return { control: addHeaderButton, box: headerRows.closest('.form-section') };
    return null;
  };
  const clearError = (message) => {
    const control = message.control;
    message.remove();
    if (control && !element.querySelector(`.field-error[data-for="${control.id}"]`)) {
      control.removeAttribute('aria-invalid');
      const described = (control.getAttribute('aria-describedby') ?? '').split(' ')
        .filter((i) => i && !i.startsWith('error-')).join(' ');
      if (described) control.setAttribute('aria-describedby', described);
      else control.removeAttribute('aria-describedby');
    }
    if (!element.querySelector('.field-error')) clearProblem();
  };
  const clearErrors = () => element.querySelectorAll('.field-error').forEach((m) => clearError(m));
  const showErrors = (errors) => {
    let first = null;
    for (const error of errors) {
      const target = targets(error.field);
      if (!target) continue;
      const { control, box } = target;
      if (!control.id) control.id = uid('control');
      const message = h('p', { class: 'field-error', id: uid('error'), 'data-for': control.id, 'data-field': error.field },
        `${fieldLabel(error.field, FIELD_LABELS)}: ${error.message}`);
      message.control = control;
      box.append(message);
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${message.id}`.trim());
      // the message goes as soon as the admin changes what it is about
      const container = control.closest('.filter-row, .header-row') ?? box;
      const fixed = () => {
        if (message.isConnected) clearError(message);
        container.removeEventListener('input', fixed);
        container.removeEventListener('change', fixed);
      };
      container.addEventListener('input', fixed);
      container.addEventListener('change', fixed);
      first ??= control;
    }
    return first;
  };
  return { element, read, showErrors, clearErrors };
}

function section(title, ...children) {
  return h('section', { class: 'form-section' }, h('h2', {}, title), children);
}

/**
 * Buttons that add one of the tenant's sites (GET /v1/sites) to the sites field, and the name of
 * each site id typed there. A token without commerce:read simply gets none, and the ids are typed
 * by hand.
 */
function knownSites(input) {
  const box = h('div', { class: 'known-sites' });
  const names = h('ul', { class: 'site-names', 'aria-live': 'polite' });
  siteDirectory().then((sites) => {
    if (!sites.size) return;
    const describe = () => {
      const typed = input.value.split('\n').map((s) => s.trim()).filter(Boolean);
      names.replaceChildren(...typed.map((id) => h('li', {}, h('code', {}, id), ' — ',
        sites.has(id) ? siteName(sites.get(id)) : h('span', { class: 'hint' }, 'not a site of this tenant'))));
    };
    input.addEventListener('input', describe);
    describe();
    box.append(h('span', { class: 'hint' }, 'Add a site: '), ...[...sites.values()].map((site) => h('button', {
      type: 'button', class: 'chip', 'data-site': site.id,
      'aria-label': `Add site ${site.code}, ${site.name}`,
      onclick: () => {
        const ids = input.value.split('\n').map((s) => s.trim()).filter(Boolean);
        if (!ids.includes(site.id)) input.value = [...ids, site.id].join('\n');
        describe();
        input.focus();
      },
    }, siteName(site))));
  });
  return [names, box];
}

let sitesPromise = null;
/** The tenant's sites by id (empty when the token may not read them); read once per page load. */
export function siteDirectory() {
  sitesPromise ??= call('GET', '/v1/sites?limit=100')
    .then((page) => new Map((page?.data ?? []).map((site) => [site.id, site])))
    .catch(() => new Map());
  return sitesPromise;
}

export function siteName(site) {
  return `${site.code} (${site.name})`;
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
