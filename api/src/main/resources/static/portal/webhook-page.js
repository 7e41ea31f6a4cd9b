// A webhook's own page (#/webhooks/{id}): what it is (id, created, URL, secret and rotation
// state, sites by name, events), its health and charts over a chosen window, a test of any
// event type, and its actions. The log and the settings are its other tabs.
import { call } from './api.js';
import { eventTypes } from './catalog.js';
import { statsSection } from './stats.js';
import {
  copyButton, formatTime, h, keepingFocus, render, showProblem, timeElement, uid,
} from './ui.js';
import {
  deleteWebhook, describeAttempt, rotate, sendTest, setEnabled, siteDirectory, siteName, streakView, tabs,
} from './webhooks.js';

export async function webhookPage(id, query) {
  const crumb = h('p', { class: 'breadcrumb' }, h('a', { href: '#/webhooks' }, '← Webhooks'));
  render(crumb, h('h1', {}, 'Webhook'), h('p', { class: 'loading' }, 'Loading…'));
  const [webhook, types, sites] = await Promise.all([
    call('GET', `/v1/webhooks/${encodeURIComponent(id)}`),
    eventTypes(),
    siteDirectory(),
  ]);
  const facts = h('dl', { class: 'facts webhook-facts' });
  const actions = h('div', { class: 'action-row webhook-actions' });
  const show = (current) => {
    fill(facts, current, sites);
    fillActions(actions, current, show);
  };
  show(webhook);
  render(
    crumb,
    h('h1', {}, webhook.name),
    tabs(webhook.id, 'overview'),
    h('section', { class: 'panel about', 'aria-labelledby': 'about-heading' },
      h('h2', { id: 'about-heading' }, 'About this webhook'), facts, actions),
    statsSection(webhook.id, query.get('window'), {
      onWindow: (w) => history.replaceState(null, '', `#/webhooks/${encodeURIComponent(webhook.id)}?window=${w}`),
    }),
    testPanel(webhook, types),
  );
}

function fact(term, ...value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function fill(facts, webhook, sites) {
  const secret = webhook.previousSecretExpiresAt && Date.parse(webhook.previousSecretExpiresAt) > Date.now()
    ? ['Rotated: the old secret also signs until ', h('time', { datetime: webhook.previousSecretExpiresAt },
      formatTime(webhook.previousSecretExpiresAt)), ' (', timeElement(webhook.previousSecretExpiresAt), ').']
    : ['One secret signs every delivery. It was shown once, when made; rotate it to get a new one.'];
  facts.replaceChildren(
    ...fact('ID', h('code', { class: 'webhook-id' }, webhook.id), ' ', copyButton(webhook.id, 'webhook id')),
    ...fact('URL', h('code', { class: 'url' }, webhook.url), ' ', copyButton(webhook.url, 'URL')),
    ...fact('Status', webhook.enabled
      ? h('span', { class: 'badge badge-enabled' }, 'Enabled')
      : [h('span', { class: 'badge badge-disabled' }, 'Disabled'), ' ',
        h('span', { class: 'disabled-reason' }, webhook.disabledReason ?? 'Turned off by an admin.'),
        h('div', { class: 'hint' }, 'Its pending deliveries are paused until it is enabled again.')]),
    ...fact('Failure streak', h('div', { class: 'streak' }, streakView(webhook))),
    ...fact('Created', timeElement(webhook.createdAt), h('span', { class: 'hint' }, ` · ${formatTime(webhook.createdAt)}`)),
    ...fact('Last changed', timeElement(webhook.updatedAt)),
    ...fact('Signing secret', h('span', { class: 'secret-state' }, secret)),
    ...fact('Signature scheme', webhook.signatureScheme),
    ...fact('Events', h('ul', { class: 'inline-list' },
      webhook.events.map((name) => h('li', {}, h('a', { href: `#/catalog/${encodeURIComponent(name)}`, class: 'event-type' }, name))))),
    ...fact('Sites', webhook.sites.length === 0
      ? 'Every site'
      : h('ul', { class: 'inline-list site-list' }, webhook.sites.map((site) => h('li', {},
        sites.has(site) ? siteName(sites.get(site)) : h('code', {}, site))))),
    ...fact('Filters', webhook.filters.length === 0
      ? 'None'
      : h('ul', {}, webhook.filters.map((f) => h('li', {}, h('code', {}, f.event), ': ', h('code', {}, f.property),
        ` ${f.operator.replace('_', ' ')} `, f.values.join(', '))))),
    ...fact('Delivery', `Timeout ${webhook.timeoutSeconds} s; `,
      webhook.retry.enabled ? `up to ${webhook.retry.maxAttempts} attempts` : 'no retries',
      webhook.asyncAcknowledgement ? '; asynchronous acknowledgement' : ''),
    ...fact('Rate limit', h('span', { class: 'rate-limit' }, webhook.rateLimit == null
      ? 'None: deliveries go as fast as they come'
      : `At most ${webhook.rateLimit} deliveries per second`)),
  );
}

function fillActions(actions, webhook, show) {
  const enabledId = uid('enabled');
  const toggle = h('input', {
    type: 'checkbox', role: 'switch', id: enabledId, class: 'toggle-enabled', checked: webhook.enabled,
    'data-focus-key': 'toggle-enabled',
    onchange: () => keepingFocus(async () => {
      toggle.disabled = true;
      try {
        show(await setEnabled(webhook, toggle.checked));
      } catch (e) {
        toggle.checked = !toggle.checked;
        toggle.disabled = false;
        showProblem(e);
      }
    }),
  });
  actions.replaceChildren(
    h('span', { class: 'switch' }, toggle, h('label', { for: enabledId }, 'Enabled')),
    h('button', {
      type: 'button', class: 'action-rotate', 'data-focus-key': 'rotate',
      onclick: async () => {
        const rotated = await rotate(webhook);
        if (rotated) show(await call('GET', `/v1/webhooks/${encodeURIComponent(webhook.id)}`));
      },
    }, 'Rotate secret'),
    h('a', { class: 'button', href: `#/webhooks/${encodeURIComponent(webhook.id)}/settings` }, 'Edit settings'),
    h('button', {
      type: 'button', class: 'action-delete danger',
      onclick: async () => {
        if (await deleteWebhook(webhook)) location.hash = '#/webhooks';
      },
    }, 'Delete'));
}

/** Send a test of any event type: webhook.test, or a sample of a catalog type. */
export function testPanel(webhook, types, chosen) {
  const select = h('select', { id: uid('test-type'), class: 'test-type' },
    h('option', { value: '' }, 'webhook.test (a ping)'),
    h('optgroup', { label: 'Subscribed' }, webhook.events.map((name) => h('option', { value: name }, name))),
    h('optgroup', { label: 'Every other event type' },
      types.filter((t) => !webhook.events.includes(t.name) && t.name !== 'webhook.test')
        .map((t) => h('option', { value: t.name }, t.name))));
  if (chosen) select.value = chosen;
  const result = h('output', { class: 'test-result', 'aria-live': 'polite', for: select.id });
  const send = h('button', { type: 'submit', class: 'send-test' }, 'Send test');
  const form = h('form', { class: 'panel test-panel' },
    h('h2', {}, 'Send a test'),
    h('p', { class: 'hint' }, 'Sends one event now and shows what the receiver answered. A catalog type carries its '
      + 'sample data and "test": true in the envelope; it goes to this webhook only, subscribed or not.'),
    h('label', { for: select.id }, 'Event type'), select, send, result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    send.disabled = true;
    result.className = 'test-result';
    result.textContent = `Sending ${select.value || 'webhook.test'}…`;
    try {
      const attempt = await sendTest(webhook, select.value || null);
      result.textContent = describeAttempt(attempt);
      result.className = `test-result ${attempt.succeeded ? 'ok' : 'failed'}`;
    } catch (e) {
      result.textContent = '';
      showProblem(e);
    } finally {
      send.disabled = false;
      send.focus();
    }
  });
  return form;
}
