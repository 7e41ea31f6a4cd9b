// The tenant's notifications (GET /v1/notifications): what Hookline told a person about its
// webhooks (disabled, a delivery failed for good, recovered), newest first, and the caller's
// unread count, shown as a badge on the top bar's link. Read marks are the caller's own.
import { call } from './api.js';
import { h, notify, render, timeElement } from './ui.js';

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
  );
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
