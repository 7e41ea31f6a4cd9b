// Delivery statistics (GET /v1/stats, GET /v1/webhooks/{id}/stats): the charts section a webhook
// page and the tenant overview share, and the overview page itself. A node without the
// statistics endpoint (404) gets the charts hidden with a note instead of an error.
import { all, call } from './api.js';
import { failedCount, latencyChart, sparkline, summary, volumeChart, windowWords } from './charts.js';
import { h, keepingFocus, percent, render, showProblem, uid } from './ui.js';

export const WINDOWS = ['24h', '7d', '30d'];
const WINDOW_LABELS = { '24h': '24 hours', '7d': '7 days', '30d': '30 days' };
export const UNAVAILABLE = 'Statistics are not available on this node (it does not serve them yet), so the charts are hidden.';

/** The statistics, or null when this node has no statistics endpoint. */
export async function fetchStats(webhookId, window) {
  const path = webhookId
    ? `/v1/webhooks/${encodeURIComponent(webhookId)}/stats?window=${window}`
    : `/v1/stats?window=${window}`;
  try {
    return await call('GET', path);
  } catch (e) {
    // the webhook itself was just read, so a 404 here means the node has no statistics
    if (e.status === 404) return null;
    throw e;
  }
}

/** The list's health cell: 24 h success rate, volume and a sparkline; or a dash with the note. */
export function healthCell(stats) {
  if (stats === undefined) return h('span', { class: 'hint' }, 'Loading…');
  if (stats === null) return h('span', { class: 'hint stats-unavailable' }, 'No statistics');
  const totals = stats.totals ?? {};
  return h('div', { class: 'health' },
    h('div', { class: 'health-figures' },
      h('span', { class: 'success-rate' }, percent(totals.successRate)),
      h('span', { class: 'hint' }, ' succeeded · '),
      h('span', { class: 'volume' }, `${totals.attempts ?? 0} attempt${totals.attempts === 1 ? '' : 's'}`),
      h('span', { class: 'hint' }, ' in 24 h')),
    sparkline(stats),
    failedCount(totals) > 0
      ? h('div', { class: 'hint failure-classes' }, failureClasses(totals))
      : null);
}

function failureClasses(totals) {
  const names = { timeout: 'timeout', connection: 'connection', http4xx: '4xx', http5xx: '5xx', other: 'other' };
  return Object.entries(names)
    .filter(([key]) => totals.failed?.[key])
    .map(([key, label]) => `${totals.failed[key]} ${label}`)
    .join(', ');
}

/**
 * The window choice and the two charts of one webhook (webhookId) or of the tenant (null). The
 * window is kept in the address (?window=7d) so a reload or a shared link shows the same.
 */
export function statsSection(webhookId, initialWindow, { onWindow } = {}) {
  const name = uid('window');
  let window = WINDOWS.includes(initialWindow) ? initialWindow : '24h';
  const body = h('div', { class: 'stats-body', 'aria-live': 'polite', 'aria-busy': 'true' },
    h('p', { class: 'loading' }, 'Loading statistics…'));
  const choices = h('fieldset', { class: 'window-choice' },
    h('legend', {}, 'Window'),
    WINDOWS.map((w) => {
      const id = uid('window');
      return h('span', { class: 'segment' },
        h('input', {
          type: 'radio', name, id, value: w, checked: w === window, 'data-window': w,
          onchange: () => {
            window = w;
            onWindow?.(w);
            load();
          },
        }),
        h('label', { for: id }, WINDOW_LABELS[w]));
    }));
  let latest = 0;
  const load = () => keepingFocus(async () => {
    const asked = ++latest;
    body.setAttribute('aria-busy', 'true');
    try {
      const stats = await fetchStats(webhookId, window);
      // a quicker answer for a window chosen later has already been shown
      if (asked !== latest) return;
      if (stats === null) {
        section.classList.add('unavailable');
        choices.hidden = true;
        body.replaceChildren(h('p', { class: 'note stats-unavailable' }, UNAVAILABLE));
        return;
      }
      const totals = stats.totals ?? {};
      // numbers opened for one window stay open for the next
      const opened = [...body.querySelectorAll('.numbers-toggle[aria-expanded="true"]')]
        .map((toggle) => toggle.dataset.focusKey);
      body.replaceChildren(
        h('p', { class: 'stats-summary' },
          `${windowWords(stats.window)[0].toUpperCase()}${windowWords(stats.window).slice(1)}: ${summary(totals)}`,
          totals.deliveriesSucceeded !== undefined
            ? `; ${totals.deliveriesSucceeded} deliveries succeeded, ${totals.deliveriesFailed} failed for good.`
            : '.'),
        h('div', { class: 'charts' }, volumeChart(stats), latencyChart(stats)));
      opened.forEach((key) => body.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.click());
    } catch (e) {
      if (asked !== latest) return;
      body.replaceChildren(h('p', { class: 'note' }, 'The statistics could not be loaded.'));
      showProblem(e);
    } finally {
      if (asked === latest) body.setAttribute('aria-busy', 'false');
    }
  });
  const section = h('section', { class: 'stats', 'aria-labelledby': `${name}-heading` },
    h('h2', { id: `${name}-heading` }, 'Delivery statistics'),
    choices, body);
  load();
  return section;
}

/** #/overview: the tenant's whole traffic, and each webhook's share of it. */
export async function overview(query) {
  const window = WINDOWS.includes(query.get('window')) ? query.get('window') : '24h';
  const perWebhook = h('div', { class: 'per-webhook' }, h('p', { class: 'loading' }, 'Loading webhooks…'));
  render(
    h('h1', {}, 'Overview'),
    h('p', { class: 'lead' }, 'Every delivery attempt of this tenant, across its webhooks.'),
    statsSection(null, window, {
      onWindow: (w) => history.replaceState(null, '', `#/overview?window=${w}`),
    }),
    h('section', { class: 'overview-webhooks' }, h('h2', {}, 'Webhooks, last 24 hours'), perWebhook),
  );
  const webhooks = await all('/v1/webhooks');
  if (webhooks.length === 0) {
    perWebhook.replaceChildren(h('p', { class: 'empty' }, 'No webhooks yet.'));
    return;
  }
  const stats = await Promise.all(webhooks.map((w) => fetchStats(w.id, '24h').catch(() => null)));
  perWebhook.replaceChildren(h('table', { class: 'overview-table responsive' },
    h('caption', { class: 'visually-hidden' }, 'Each webhook over the last 24 hours'),
    h('thead', {}, h('tr', {}, ['Webhook', 'Status', 'Last 24 hours'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, webhooks.map((w, i) => h('tr', { 'data-webhook-id': w.id },
      h('td', { 'data-label': 'Webhook' }, h('a', { href: `#/webhooks/${encodeURIComponent(w.id)}` }, w.name)),
      h('td', { 'data-label': 'Status' }, w.enabled ? 'Enabled' : 'Disabled'),
      h('td', { 'data-label': 'Last 24 hours' }, healthCell(stats[i])))))));
}
