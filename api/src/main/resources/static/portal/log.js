// The delivery log: one webhook's (#/webhooks/{id}/log) or the tenant's whole
// (#/deliveries), through GET /v1/deliveries. Search by status, event type, HTTP code, date
// range and event or delivery id; newest first, paged with counts, each page sortable; the HTTP
// code in the row; each delivery expandable to its attempts (focus stays on the button);
// resend per delivery; and, on a webhook's log, recover as a dialog that counts what it will
// queue and then follows it. The filters live in the address, so a reload keeps them.
import { all, call } from './api.js';
import { eventTypes } from './catalog.js';
import {
  copyButton, fill, h, keepingFocus, localInputValue, notify, openDialog, pretty, render, showProblem, statusBadge,
  statusLegend, timeElement, uid,
} from './ui.js';
import { isParked, tabs } from './webhooks.js';

const STATUSES = ['pending', 'delivering', 'waiting', 'succeeded', 'failed'];
const PAGE = 20;
const SETTLE_POLLS = 6;
const SETTLE_INTERVAL_MS = 1500;
const FOLLOW_POLLS = 40;
const FOLLOW_INTERVAL_MS = 2000;
const PRESETS = [
  { label: 'Last hour', hours: 1 },
  { label: 'Last 24 hours', hours: 24 },
  { label: 'Last 7 days', hours: 24 * 7 },
  { label: 'Any time', hours: null },
];

export async function deliveryLog(webhookId, query = new URLSearchParams()) {
  render(h('h1', {}, webhookId ? 'Delivery log' : 'Deliveries'), h('p', { class: 'loading' }, 'Loading…'));
  const [webhook, types, webhooks] = await Promise.all([
    webhookId ? call('GET', `/v1/webhooks/${encodeURIComponent(webhookId)}`) : null,
    eventTypes(),
    webhookId ? null : all('/v1/webhooks'),
  ]);
  const byId = new Map((webhooks ?? [webhook]).map((w) => [w.id, w]));
  const base = webhookId ? `#/webhooks/${encodeURIComponent(webhookId)}/log` : '#/deliveries';

  // ---- filters
  const control = (label, element, hint) => {
    element.id = uid('filter');
    const hintId = hint ? uid('hint') : null;
    if (hintId) element.setAttribute('aria-describedby', hintId);
    return h('div', { class: 'filter-field' }, h('label', { for: element.id }, label), element,
      hint ? h('div', { id: hintId, class: 'hint' }, hint) : null);
  };
  const statusFilter = h('select', { class: 'status-filter' },
    h('option', { value: '' }, 'All statuses'), STATUSES.map((s) => h('option', { value: s }, s)));
  const typeFilter = h('select', { class: 'event-type-filter' },
    h('option', { value: '' }, 'All event types'),
    webhook ? h('optgroup', { label: 'Subscribed' }, webhook.events.map((n) => h('option', { value: n }, n))) : null,
    h('optgroup', { label: webhook ? 'Other event types' : 'Event types' },
      types.filter((t) => !webhook?.events.includes(t.name)).map((t) => h('option', { value: t.name }, t.name))));
  const webhookFilter = webhooks
    ? h('select', { class: 'webhook-filter' }, h('option', { value: '' }, 'All webhooks'),
      webhooks.map((w) => h('option', { value: w.id }, w.name)))
    : null;
  const codeFilter = h('input', {
    type: 'number', class: 'response-filter', min: 100, max: 599, inputmode: 'numeric', placeholder: 'e.g. 503',
  });
  const sinceFilter = h('input', { type: 'datetime-local', class: 'since-filter' });
  const untilFilter = h('input', { type: 'datetime-local', class: 'until-filter' });
  const idSearch = h('input', { type: 'search', class: 'id-search', placeholder: 'evt_… or dlv_…', autocomplete: 'off', spellcheck: 'false' });
  const presets = h('div', { class: 'presets', role: 'group', 'aria-label': 'Date range presets' },
    PRESETS.map((p) => h('button', {
      type: 'button', class: 'preset link-button', 'data-hours': p.hours ?? '',
      onclick: () => {
        sinceFilter.value = p.hours ? localInputValue(new Date(Date.now() - p.hours * 3600 * 1000)) : '';
        untilFilter.value = '';
        restart();
      },
    }, p.label)));
  const filters = h('form', { class: 'log-filters', 'aria-label': 'Search the log' },
    h('h2', { class: 'visually-hidden' }, 'Search'),
    h('div', { class: 'filter-grid' },
      control('Status', statusFilter),
      control('Event type', typeFilter),
      webhookFilter ? control('Webhook', webhookFilter) : null,
      control('HTTP code', codeFilter, 'Of the latest attempt'),
      control('From (your local time)', sinceFilter),
      control('Until (your local time)', untilFilter),
      control('Event or delivery id', idSearch)),
    presets,
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'primary apply-filters' }, 'Search'),
      h('button', {
        type: 'button', class: 'reset-filters',
        onclick: () => {
          for (const input of [statusFilter, typeFilter, webhookFilter, codeFilter, sinceFilter, untilFilter, idSearch]) {
            if (input) input.value = '';
          }
          restart();
        },
      }, 'Clear'),
      h('button', { type: 'button', class: 'refresh', 'data-focus-key': 'refresh', onclick: () => reload() }, 'Refresh')));
  statusFilter.value = STATUSES.includes(query.get('status')) ? query.get('status') : '';
  typeFilter.value = query.get('eventType') ?? '';
  if (webhookFilter) webhookFilter.value = query.get('webhookId') ?? '';
  codeFilter.value = query.get('responseStatus') ?? '';
  const fromQuery = (name) => {
    const date = new Date(query.get(name) ?? '');
    return Number.isNaN(date.getTime()) ? '' : localInputValue(date);
  };
  sinceFilter.value = fromQuery('since');
  untilFilter.value = fromQuery('until');
  idSearch.value = query.get('id') ?? '';
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    restart();
  });
  for (const select of [statusFilter, typeFilter, webhookFilter]) select?.addEventListener('change', () => restart());

  // ---- results
  const countLine = h('p', { class: 'page-count', 'aria-live': 'polite' });
  const list = h('div', { class: 'deliveries', 'aria-busy': 'false' });
  const newer = h('button', { type: 'button', class: 'page-newer', 'data-focus-key': 'newer' }, '← Newer');
  const older = h('button', { type: 'button', class: 'page-older load-more', 'data-focus-key': 'older' }, 'Older →');
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of the log' }, newer, older);
  const follow = h('section', { class: 'follow', 'aria-live': 'polite', hidden: true });
  const cursors = [null]; // the cursor of each page shown so far; the last is the current page's
  let sort = null;

  const params = () => {
    const p = new URLSearchParams();
    if (statusFilter.value) p.set('status', statusFilter.value);
    if (typeFilter.value) p.set('eventType', typeFilter.value);
    if (webhookFilter?.value) p.set('webhookId', webhookFilter.value);
    if (codeFilter.value) p.set('responseStatus', codeFilter.value);
    if (sinceFilter.value) p.set('since', new Date(sinceFilter.value).toISOString());
    if (untilFilter.value) p.set('until', new Date(untilFilter.value).toISOString());
    if (idSearch.value.trim()) p.set('id', idSearch.value.trim());
    return p;
  };

  const table = () => h('table', { class: 'delivery-table responsive' },
    h('caption', { class: 'visually-hidden' }, webhook ? `Deliveries of ${webhook.name}` : 'Deliveries of this tenant'),
    h('thead', {}, h('tr', {}, columns(!webhook).map(([key, label]) => key
      ? h('th', { scope: 'col', 'data-sort-key': key, 'aria-sort': sort?.key === key ? sort.direction : undefined },
        h('button', {
          type: 'button', class: 'sort link-button', 'data-focus-key': `sort-${key}`,
          onclick: () => keepingFocus(() => sortBy(key)),
        }, label, h('span', { class: 'visually-hidden' }, ', sort this page')))
      : h('th', { scope: 'col' }, label)))));

  const sortBy = (key) => {
    const direction = sort?.key === key && sort.direction === 'descending' ? 'ascending' : 'descending';
    sort = { key, direction };
    applySort();
  };
  const applySort = () => {
    const { key, direction } = sort;
    const current = list.querySelector('table');
    if (!current) return;
    const bodies = [...current.querySelectorAll('tbody.delivery')];
    bodies.sort((a, b) => compare(a.delivery, b.delivery, key) * (direction === 'ascending' ? 1 : -1));
    current.append(...bodies);
    for (const th of current.querySelectorAll('th[data-sort-key]')) {
      if (th.dataset.sortKey === key) th.setAttribute('aria-sort', direction);
      else th.removeAttribute('aria-sort');
    }
  };

  const show = (deliveries, nextCursor) => {
    const number = cursors.length;
    const first = (number - 1) * PAGE + 1;
    if (deliveries.length === 0) {
      list.replaceChildren(h('p', { class: 'empty' }, emptyText(params(), number)));
      countLine.textContent = number > 1 ? `Page ${number}: no deliveries.` : 'No deliveries match.';
    } else {
      const t = table();
      t.append(...deliveries.map((d) => deliveryBody(d, byId.get(d.webhookId), !webhook)));
      list.replaceChildren(t);
      if (sort) applySort(); // the chosen order holds on every page
      countLine.textContent = `Deliveries ${first}–${first + deliveries.length - 1}, newest first`
        + `${nextCursor ? '; older ones on the next pages' : ''}${number > 1 ? ` (page ${number})` : ''}.`;
    }
    newer.hidden = number <= 1;
    older.hidden = !nextCursor;
    pager.hidden = newer.hidden && older.hidden;
    older.cursor = nextCursor;
  };

  const load = async () => {
    const p = params();
    list.setAttribute('aria-busy', 'true');
    try {
      const id = p.get('id');
      if (id && id.startsWith('dlv_')) {
        // one delivery by its id
        try {
          const found = await call('GET', `/v1/deliveries/${encodeURIComponent(id)}`);
          show(webhook && found.webhookId !== webhook.id ? [] : [found], null);
        } catch (e) {
          if (e.status !== 404) throw e;
          show([], null);
        }
        return;
      }
      if (id && !id.startsWith('evt_')) {
        list.replaceChildren(h('p', { class: 'empty' }, `“${id}” is neither an event id (evt_…) nor a delivery id (dlv_…).`));
        countLine.textContent = '';
        pager.hidden = true;
        return;
      }
      const search = new URLSearchParams({ limit: String(PAGE) });
      if (webhook) search.set('webhookId', webhook.id);
      for (const [key, value] of p) search.set(key === 'id' ? 'eventId' : key, value);
      const cursor = cursors[cursors.length - 1];
      if (cursor) search.set('cursor', cursor);
      let page;
      try {
        page = await call('GET', `/v1/deliveries?${search}`);
      } catch (e) {
        if (e.status === 404 && id) {
          show([], null);
          return;
        }
        throw e;
      }
      show(page.data, page.nextCursor);
    } catch (e) {
      showProblem(e);
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  };
  const reload = () => keepingFocus(load);
  const restart = () => {
    cursors.length = 1;
    history.replaceState(null, '', `${base}${params().size ? `?${params()}` : ''}`);
    return reload();
  };
  newer.addEventListener('click', () => {
    cursors.pop();
    reload();
  });
  older.addEventListener('click', () => {
    cursors.push(older.cursor);
    reload();
  });

  render(
    webhook ? h('p', { class: 'breadcrumb' }, h('a', { href: '#/webhooks' }, '← Webhooks')) : null,
    h('h1', {}, webhook ? `Log of “${webhook.name}”` : 'Deliveries'),
    webhook ? tabs(webhook.id, 'log') : h('p', { class: 'lead' }, 'Every delivery of this tenant, across its webhooks.'),
    webhook ? h('p', { class: 'url' }, webhook.url) : null,
    webhook && !webhook.enabled
      ? h('p', { class: 'note' }, 'This webhook is disabled: its pending deliveries are paused until it is enabled again.')
      : null,
    filters,
    webhook ? h('div', { class: 'log-tools' },
      h('button', {
        type: 'button', class: 'recover-open',
        onclick: async () => {
          const recovered = await recoverDialog(webhook);
          if (recovered) followRecovery(recovered, { follow, sinceFilter, restart, webhook });
        },
      }, 'Recover failed deliveries…')) : null,
    follow,
    countLine,
    list,
    pager,
    statusLegend(),
  );
  await load();
}

function columns(withWebhook) {
  return [
    ['eventType', 'Event'],
    withWebhook ? ['webhook', 'Webhook'] : null,
    ['status', 'Status'],
    ['lastResponseStatus', 'HTTP'],
    ['attemptCount', 'Attempts'],
    ['createdAt', 'Created'],
    ['nextAttemptAt', 'Next attempt'],
    [null, 'Actions'],
  ].filter(Boolean);
}

function compare(a, b, key) {
  const x = a[key] ?? '';
  const y = b[key] ?? '';
  if (typeof x === 'number' || typeof y === 'number') return (Number(x) || 0) - (Number(y) || 0);
  return String(x).localeCompare(String(y));
}

function emptyText(params, page) {
  if (page > 1) return 'No older deliveries.';
  if (params.size === 0) return 'No deliveries yet. Send a test from the webhook’s page, or wait for an event.';
  if (params.size === 1 && params.get('status')) return `No ${params.get('status')} deliveries.`;
  return 'No deliveries match this search.';
}

function httpCell(delivery) {
  if (delivery.lastResponseStatus) {
    const code = delivery.lastResponseStatus;
    return h('span', { class: `http http-${String(code)[0]}xx` }, String(code));
  }
  return delivery.attemptCount > 0 ? h('span', { class: 'hint' }, 'no response') : '—';
}

function nextAttemptCell(delivery, webhook) {
  if (isParked(delivery, webhook)) return h('span', { class: 'hint' }, 'when the webhook is enabled');
  if (delivery.status === 'waiting') return h('span', { class: 'hint' }, 'awaiting the receiver’s acknowledgement');
  return timeElement(delivery.nextAttemptAt);
}

function deliveryBody(delivery, webhook, withWebhook) {
  const detailsId = uid('attempts');
  const width = columns(withWebhook).length;
  const details = h('tr', { class: 'attempts-row', id: detailsId, hidden: true },
    h('td', { colspan: width }, h('div', { class: 'attempts' })));
  const expand = h('button', {
    type: 'button', class: 'expand', 'aria-expanded': 'false', 'aria-controls': detailsId,
    'data-focus-key': `expand-${delivery.id}`,
  }, 'Attempts', h('span', { class: 'visually-hidden' }, ` of ${delivery.eventType} ${delivery.id}`));
  const resend = h('button', { type: 'button', class: 'resend', 'data-focus-key': `resend-${delivery.id}` },
    'Resend', h('span', { class: 'visually-hidden' }, ` ${delivery.eventType} ${delivery.id}`));
  const cells = {
    status: h('td', { class: 'delivery-status', 'data-label': 'Status' }),
    http: h('td', { class: 'http-status', 'data-label': 'HTTP' }),
    attempts: h('td', { class: 'attempt-count', 'data-label': 'Attempts' }),
    next: h('td', { class: 'next-attempt', 'data-label': 'Next attempt' }),
  };
  const main = h('tr', { class: 'delivery-row' },
    h('td', { 'data-label': 'Event' },
      h('span', { class: 'event-type' }, delivery.eventType),
      h('div', { class: 'ids hint' }, h('code', { class: 'event-id' }, delivery.eventId), ' ',
        h('code', { class: 'delivery-id' }, delivery.id))),
    withWebhook
      ? h('td', { 'data-label': 'Webhook' }, webhook
        ? h('a', { href: `#/webhooks/${encodeURIComponent(webhook.id)}` }, webhook.name) : h('code', {}, delivery.webhookId))
      : null,
    cells.status, cells.http, cells.attempts,
    h('td', { 'data-label': 'Created' }, timeElement(delivery.createdAt)),
    cells.next,
    h('td', { class: 'actions', 'data-label': 'Actions' }, h('div', { class: 'action-row' }, expand, resend)));
  const body = h('tbody', { class: 'delivery', 'data-delivery-id': delivery.id }, main, details);

  // only the cells that change are refilled: the buttons stay, and so does the focus on them
  const show = (d) => {
    body.delivery = d;
    fill(cells.status, statusBadge(d.status, { parked: isParked(d, webhook) }));
    fill(cells.http, httpCell(d));
    fill(cells.attempts, String(d.attemptCount));
    fill(cells.next, nextAttemptCell(d, webhook));
  };
  show(delivery);

  const showAttempts = async () => {
    const full = await call('GET', `/v1/deliveries/${encodeURIComponent(delivery.id)}`);
    show(full);
    fill(details.querySelector('.attempts'),
      full.attempts.length === 0
        ? h('p', {}, 'No attempt yet.')
        : full.attempts.map(attemptView));
    return full;
  };

  expand.addEventListener('click', async () => {
    const open = expand.getAttribute('aria-expanded') === 'true';
    if (open) {
      expand.setAttribute('aria-expanded', 'false');
      details.hidden = true;
      return;
    }
    try {
      await showAttempts();
      expand.setAttribute('aria-expanded', 'true');
      details.hidden = false;
    } catch (e) {
      showProblem(e);
    }
  });

  resend.addEventListener('click', async () => {
    resend.disabled = true;
    try {
      const queued = await call('POST', `/v1/deliveries/${encodeURIComponent(delivery.id)}/resend`);
      show(queued);
      notify(`${queued.eventType} queued again: a new attempt is made now.`, { kind: 'success' });
      // follow it for a few seconds so the admin sees the outcome without reloading
      let latest = queued;
      for (let i = 0; i < SETTLE_POLLS && (latest.status === 'pending' || latest.status === 'delivering'); i++) {
        await new Promise((resolve) => setTimeout(resolve, SETTLE_INTERVAL_MS));
        latest = details.hidden
          ? await call('GET', `/v1/deliveries/${encodeURIComponent(delivery.id)}`)
          : await showAttempts();
        show(latest);
      }
      if (latest.status === 'succeeded' || latest.status === 'failed') {
        notify(`${latest.eventType}: the resent delivery ${latest.status}.`,
          { kind: latest.status === 'succeeded' ? 'success' : 'warning' });
      }
    } catch (e) {
      showProblem(e);
    } finally {
      resend.disabled = false;
      if (document.activeElement === document.body) resend.focus();
    }
  });
  return body;
}

function attemptView(attempt) {
  const outcome = attempt.responseStatus === null ? 'no response' : `HTTP ${attempt.responseStatus}`;
  return h('article', { class: 'attempt', 'data-attempt': attempt.number },
    h('h3', {}, `Attempt ${attempt.number}: ${outcome}, ${attempt.durationMs} ms`),
    h('dl', { class: 'facts' },
      fact('Started', timeElement(attempt.startedAt)),
      fact('Duration', `${attempt.durationMs} ms`),
      fact('Response status', attempt.responseStatus === null ? 'none' : String(attempt.responseStatus), 'response-status'),
      attempt.error ? fact('Error', attempt.error, 'attempt-error') : null,
      attempt.reason ? fact('Receiver’s reason', attempt.reason) : null),
    h('div', { class: 'exchange' },
      h('section', {},
        h('h4', {}, 'Request'),
        headerTable(attempt.requestHeaders, 'Request headers'),
        h('div', { class: 'payload-head' }, h('span', {}, 'Body'), copyButton(() => pretty(attempt.requestBody), 'request body')),
        h('pre', { class: 'request-body', tabindex: 0, 'aria-label': 'Request body' }, pretty(attempt.requestBody))),
      h('section', {},
        h('h4', {}, 'Response'),
        attempt.responseHeaders ? headerTable(attempt.responseHeaders, 'Response headers') : h('p', {}, 'No response headers.'),
        attempt.responseBody
          ? [h('div', { class: 'payload-head' }, h('span', {}, 'Body'), copyButton(() => pretty(attempt.responseBody), 'response body')),
            h('pre', { class: 'response-body', tabindex: 0, 'aria-label': 'Response body (first 4 KiB)' }, pretty(attempt.responseBody))]
          : h('p', {}, 'Empty response body.'))));
}

function fact(term, value, className) {
  return [h('dt', {}, term), h('dd', { class: className }, value)];
}

function headerTable(headers, caption) {
  return h('div', { class: 'table-scroll' }, h('table', { class: 'headers' },
    h('caption', {}, caption),
    h('tbody', {}, Object.entries(headers ?? {}).map(([name, value]) =>
      h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, value))))));
}

// ---------------------------------------------------------------------------------------------
// Recover

/**
 * The recover dialog: a time, and how many failed deliveries since then it will queue again (a
 * dry run, counted again as the time changes). It opens on Cancel. Answers {since, recovered}
 * once queued, or null.
 */
async function recoverDialog(webhook) {
  const path = `/v1/webhooks/${encodeURIComponent(webhook.id)}/recover`;
  const input = h('input', { type: 'datetime-local', id: uid('since'), class: 'recover-since', required: true });
  input.value = localInputValue(new Date(Date.now() - 24 * 3600 * 1000));
  const hintId = uid('hint');
  input.setAttribute('aria-describedby', hintId);
  const count = h('p', { class: 'recover-count', role: 'status' }, 'Counting…');
  let counted = null;
  const recount = async () => {
    const since = new Date(input.value);
    const confirm = count.closest('dialog')?.querySelector('button[data-value="recover"]');
    if (Number.isNaN(since.getTime())) {
      count.textContent = 'Choose a date and time.';
      if (confirm) confirm.disabled = true;
      return;
    }
    count.textContent = 'Counting…';
    try {
      const answer = await call('POST', path, { since: since.toISOString(), dryRun: true });
      counted = answer.recovered;
      count.textContent = counted === 0
        ? 'No failed deliveries since then: nothing to queue.'
        : `${counted} failed deliver${counted === 1 ? 'y' : 'ies'} will be queued again, to be sent now`
          + `${webhook.enabled ? '' : ' (paused until the webhook is enabled)'}.`;
      if (confirm) confirm.disabled = counted === 0;
    } catch (e) {
      count.textContent = `Could not count them: ${e.problem?.detail ?? e.message}`;
    }
  };
  input.addEventListener('change', recount);
  const dialog = openDialog({
    title: `Recover failed deliveries of “${webhook.name}”`,
    body: [
      h('label', { for: input.id }, 'Failed since (your local time)'), input,
      h('div', { id: hintId, class: 'hint' }, 'Every delivery created since then that ended failed is queued again.'),
      count],
    actions: [
      { label: 'Cancel', value: 'cancel' },
      { label: 'Queue them again', value: 'recover', primary: true },
    ],
    initialFocus: 'cancel',
  });
  recount();
  const answer = await dialog;
  if (answer !== 'recover') return null;
  const since = new Date(input.value);
  try {
    const result = await call('POST', path, { since: since.toISOString() });
    return { since, recovered: result.recovered };
  } catch (e) {
    showProblem(e);
    return null;
  }
}

/**
 * After a recovery: narrows the log to deliveries created since the chosen time and follows them
 * (counts by status, refreshed until none is pending or in flight), so the admin sees them land.
 */
function followRecovery({ since, recovered }, { follow, sinceFilter, restart, webhook }) {
  const text = `${recovered} failed deliver${recovered === 1 ? 'y was' : 'ies were'} queued again.`;
  notify(text, { kind: 'success' });
  const counts = h('p', { class: 'follow-counts' }, 'Following them…');
  const stop = h('button', { type: 'button', class: 'link-button follow-stop' }, 'Stop following');
  fill(follow,
    h('h2', {}, 'Recovery'),
    h('p', { class: 'recover-result' }, text),
    h('p', { class: 'hint' }, `The log below shows the deliveries created since ${since.toLocaleString()}.`),
    counts, stop);
  follow.hidden = false;
  sinceFilter.value = localInputValue(since);
  restart();
  if (recovered === 0) {
    counts.textContent = 'Nothing to follow.';
    stop.hidden = true;
    return;
  }
  let stopped = false;
  stop.addEventListener('click', () => {
    stopped = true;
    stop.hidden = true;
    counts.textContent += ' (no longer followed)';
  });
  (async () => {
    let previous = '';
    for (let i = 0; i < FOLLOW_POLLS && !stopped && follow.isConnected; i++) {
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_INTERVAL_MS));
      if (stopped || !follow.isConnected) return;
      const page = await call('GET', `/v1/deliveries?${new URLSearchParams({
        webhookId: webhook.id, since: since.toISOString(), limit: '100',
      })}`).catch(() => null);
      if (!page) continue;
      const tally = Object.fromEntries(STATUSES.map((s) => [s, 0]));
      for (const d of page.data) tally[d.status] += 1;
      const summary = STATUSES.filter((s) => tally[s]).map((s) => `${tally[s]} ${s}`).join(', ');
      counts.textContent = `Deliveries since then${page.nextCursor ? ' (the newest 100)' : ''}: ${summary || 'none'}.`;
      if (summary !== previous) {
        previous = summary;
        await restart();
      }
      if (!tally.pending && !tally.delivering) {
        counts.textContent += ' Done: none is waiting for an attempt.';
        stop.hidden = true;
        return;
      }
    }
  })();
}
