// The tenant's notifications (GET /v1/notifications): what Hookline told a person about its
// webhooks (disabled, a delivery failed for good, recovered), newest first, and the caller's
// unread count, shown as a badge on the top bar's link. Read marks are the caller's own. Below
// them, the tenant's notification e-mail addresses (GET/PATCH /v1/tenant/settings), to change.
import { call } from './api.js';
import { clearProblem, h, notify, render, showProblem, timeElement, uid } from './ui.js';

const TITLES = {
  'webhook.disabled': 'Webhook disabled',
  'delivery.exhausted': 'A delivery failed for good',
  'webhook.recovered': 'Webhook recovered',
};

const EMAIL = {
  pending: 'e-mail on its way',
  sent: 'e-mailed',
  none: 'not e-mailed',
  failed: 'e-mail could not be sent',
};

/** Shows the unread count on the top bar's link (hidden at zero). */
export function showUnread(count) {
  const badge = document.getElementById('unread-badge');
  const link = document.getElementById('notifications-link');
  if (!badge || !link) return;
  badge.textContent = count > 99 ? '99+' : String(count);
  badge.hidden = !count;
  link.setAttribute('aria-label', count ? `Notifications, ${count} unread` : 'Notifications');
}

/** Asks the server for the caller's unread count; a failure leaves the badge as it was. */
export async function refreshUnread() {
  try {
    const page = await call('GET', '/v1/notifications?limit=1');
    showUnread(page.unreadCount);
  } catch {
    // the views report problems; the badge is a hint
  }
}

/** The list view, #/notifications; {@code cursor} pages to older notices. */
export async function notificationList(cursor = null) {
  const page = await call('GET', `/v1/notifications?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  showUnread(page.unreadCount);
  let settings = null;
  try {
    settings = await call('GET', '/v1/tenant/settings');
  } catch {
    // shown as unknown below
  }
  const emails = settings?.notificationEmails ?? null;
  render(
    h('h1', {}, 'Notifications'),
    h('p', { class: 'lead', id: 'notification-recipients' },
      emails === null ? 'Where these are e-mailed could not be read.'
        : emails.length === 0 ? 'These are not e-mailed: the tenant has no notification e-mail addresses.'
          : `Also e-mailed to ${emails.join(', ')}, at most once per webhook and kind an hour.`),
    h('p', { class: 'list-actions' },
      h('span', { id: 'unread-summary' }, page.unreadCount ? `${page.unreadCount} unread` : 'All read'),
      ' ',
      h('button', {
        type: 'button',
        id: 'mark-all-read',
        disabled: !page.unreadCount,
        onclick: () => markAllRead(),
      }, 'Mark all as read')),
    page.data.length === 0
      ? h('p', { class: 'empty' }, 'Nothing to report: no webhook was disabled, lost a delivery or recovered.')
      : h('ul', { class: 'notification-list' }, page.data.map(item)),
    page.nextCursor
      ? h('button', { type: 'button', id: 'older-notifications', onclick: () => notificationList(page.nextCursor) },
        'Older notifications')
      : null,
    emails === null ? null : emailForm(emails),
  );
}

/**
 * The addresses, one a line, with Save. A refused address (notificationEmails[i]) or list is
 * named beside the field (aria-invalid, aria-describedby), as in the webhook form.
 */
function emailForm(emails) {
  const input = h('textarea', {
    id: 'notification-emails', name: 'notificationEmails', rows: 4, autocomplete: 'off', spellcheck: 'false',
  });
  input.value = emails.join('\n');
  const hintId = uid('hint');
  input.setAttribute('aria-describedby', hintId);
  const errors = h('div', { class: 'field-errors', id: 'notification-emails-errors' });
  const save = h('button', { type: 'submit', class: 'primary', id: 'save-notification-emails' }, 'Save addresses');
  const clearErrors = () => {
    errors.replaceChildren();
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', hintId);
  };
  const form = h('form', { class: 'settings-form', id: 'notification-emails-form' },
    h('h2', {}, 'Who is e-mailed'),
    h('div', { class: 'field' },
      h('label', { for: input.id }, 'Notification e-mail addresses'),
      input,
      h('div', { id: hintId, class: 'hint' },
        'One address a line, at most 10 (e.g. ops@acme.example). Leave empty to e-mail nobody; '
          + 'the notices still show here. Changing them needs a tenant admin.'),
      errors),
    h('div', { class: 'form-actions' }, save));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem();
    clearErrors();
    const lines = input.value.split('\n').map((line) => line.trim()).filter(Boolean);
    save.disabled = true;
    try {
      const saved = await call('PATCH', '/v1/tenant/settings', { notificationEmails: lines });
      input.value = saved.notificationEmails.join('\n');
      const recipients = document.getElementById('notification-recipients');
      if (recipients) {
        recipients.textContent = saved.notificationEmails.length === 0
          ? 'These are not e-mailed: the tenant has no notification e-mail addresses.'
          : `Also e-mailed to ${saved.notificationEmails.join(', ')}, at most once per webhook and kind an hour.`;
      }
      notify('The notification e-mail addresses were saved.', { kind: 'success' });
    } catch (e) {
      const found = (e.problem?.errors ?? []).filter((error) => /^notificationEmails(\[\d+\])?$/.test(error.field));
      const ids = [];
      for (const error of found) {
        const index = error.field.match(/\[(\d+)\]/);
        const id = uid('error');
        ids.push(id);
        errors.append(h('p', { class: 'field-error', id, 'data-field': error.field },
          index ? `Address ${Number(index[1]) + 1} (${lines[Number(index[1])] ?? ''}): ${error.message}`
            : `Addresses: ${error.message}`));
      }
      if (ids.length > 0) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', [hintId, ...ids].join(' '));
        input.focus();
      } else {
        showProblem(e);
      }
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

function item(notice) {
  const webhook = `#/webhooks/${encodeURIComponent(notice.webhookId)}`;
  return h('li', {
    class: `notification ${notice.read ? 'is-read' : 'is-unread'}`,
    'data-notification-id': notice.id,
    'data-type': notice.type,
  },
  h('p', { class: 'notification-title' },
    notice.read ? null : h('span', { class: 'unread-mark' }, 'New'),
    ' ',
    h('strong', {}, TITLES[notice.type] ?? notice.type),
    ': ',
    h('a', { href: webhook }, notice.webhookName)),
  h('p', { class: 'notification-detail' }, notice.detail),
  h('p', { class: 'hint' },
    timeElement(notice.createdAt),
    notice.occurrences > 1 ? ` · ${notice.occurrences} times, the last at ` : null,
    notice.occurrences > 1 ? timeElement(notice.lastOccurredAt) : null,
    ` · ${EMAIL[notice.emailStatus] ?? notice.emailStatus} · `,
    h('a', { href: `${webhook}/log` }, 'Delivery log')));
}

async function markAllRead() {
  const button = document.getElementById('mark-all-read');
  if (button) button.disabled = true;
  const result = await call('POST', '/v1/notifications/read', {});
  showUnread(result.unreadCount);
  notify('Every notification is marked as read.');
  await notificationList();
}
