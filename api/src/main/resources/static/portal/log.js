// A webhook's log tab: its deliveries (filterable by status, newest first), each expandable to
// its attempts; resend per delivery, recover every failed delivery since a time, and a sample
// payload of any event type.
import { call } from './api.js';
import { eventTypes } from './catalog.js';
import { fill, h, notify, pretty, render, showProblem, statusBadge, timeElement, uid } from './ui.js';
import { tabs } from './webhooks.js';

const STATUSES = ['pending', 'delivering', 'waiting', 'succeeded', 'failed'];
const PAGE = 20;
const SETTLE_POLLS = 6;
const SETTLE_INTERVAL_MS = 1500;

export async function deliveryLog(webhookId) {
  const path = `/v1/webhooks/${encodeURIComponent(webhookId)}`;
  render(h('h1', {}, 'Delivery log'), h('p', { class: 'loading' }, 'Loading…'));
  const [webhook, types] = await Promise.all([call('GET', path), eventTypes()]);

  const statusFilter = h('select', { id: uid('status'), class: 'status-filter' },
    h('option', { value: '' }, 'All statuses'),
    STATUSES.map((s) => h('option', { value: s }, s)));
  const refresh = h('button', { type: 'button', class: 'refresh' }, 'Refresh');
  const list = h('div', { class: 'deliveries', 'aria-live': 'polite', 'aria-busy': 'false' });
  const more = h('button', { type: 'button', class: 'load-more', hidden: true }, 'Load older deliveries');
  let cursor = null;

  const load = async (reset) => {
    list.setAttribute('aria-busy', 'true');
    try {
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (statusFilter.value) query.set('status', statusFilter.value);
      if (!reset && cursor) query.set('cursor', cursor);
      const page = await call('GET', `${path}/deliveries?${query}`);
      cursor = page.nextCursor;
      more.hidden = !cursor;
      if (reset) list.replaceChildren();
      let table = list.querySelector('table');
      if (!table) {
        table = h('table', { class: 'delivery-table' },
          h('caption', { class: 'visually-hidden' }, `Deliveries of ${webhook.name}, newest first`),
          h('thead', {}, h('tr', {},
            ['Event', 'Status', 'Attempts', 'Created', 'Next attempt', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))));
        list.append(table);
      }
      table.append(...page.data.map(deliveryBody));
      if (!table.querySelector('tbody')) {
        list.replaceChildren(h('p', { class: 'empty' }, statusFilter.value
          ? `No ${statusFilter.value} deliveries.`
          : 'No deliveries yet. Use the Test button on the webhooks page, or wait for an event.'));
      }
    } catch (e) {
      showProblem(e);
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  };
  statusFilter.addEventListener('change', () => load(true));
  refresh.addEventListener('click', () => load(true));
  more.addEventListener('click', () => load(false));

  render(
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/webhooks' }, '← Webhooks')),
    h('h1', {}, `Log of “${webhook.name}”`),
    tabs(webhook.id, 'log'),
    h('p', { class: 'url' }, webhook.url),
    h('section', { class: 'log-controls' },
      h('h2', { class: 'visually-hidden' }, 'Filter'),
      h('label', { for: statusFilter.id }, 'Status'), statusFilter, refresh),
    list,
    more,
    recoverForm(webhook, () => load(true)),
    samplePreview(webhook, types),
  );
  await load(true);
}

function deliveryBody(delivery) {
  const detailsId = uid('attempts');
  const details = h('tr', { class: 'attempts-row', id: detailsId, hidden: true },
    h('td', { colspan: 6 }, h('div', { class: 'attempts' })));
  const expand = h('button', {
    type: 'button', class: 'expand', 'aria-expanded': 'false', 'aria-controls': detailsId,
  }, 'Attempts', h('span', { class: 'visually-hidden' }, ` of ${delivery.eventType} ${delivery.id}`));
  const resend = h('button', { type: 'button', class: 'resend' },
    'Resend', h('span', { class: 'visually-hidden' }, ` ${delivery.eventType} ${delivery.id}`));
  const main = h('tr', { class: 'delivery-row' });
  const body = h('tbody', { class: 'delivery', 'data-delivery-id': delivery.id }, main, details);

  const show = (d) => {
    main.replaceChildren(
      h('td', {}, h('span', { class: 'event-type' }, d.eventType), h('div', { class: 'hint' }, d.eventId)),
      h('td', { class: 'delivery-status' }, statusBadge(d.status)),
      h('td', { class: 'attempt-count' }, String(d.attemptCount)),
      h('td', {}, timeElement(d.createdAt)),
      h('td', {}, timeElement(d.nextAttemptAt)),
      h('td', { class: 'actions' }, expand, resend));
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
      notify(`${queued.eventType} queued again: a new attempt is made now.`);
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
        notify(`${latest.eventType}: the resent delivery ${latest.status}.`);
      }
    } catch (e) {
      showProblem(e);
    } finally {
      resend.disabled = false;
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
        h('pre', { class: 'request-body', tabindex: 0, 'aria-label': 'Request body' }, pretty(attempt.requestBody))),
      h('section', {},
        h('h4', {}, 'Response'),
        attempt.responseHeaders ? headerTable(attempt.responseHeaders, 'Response headers') : h('p', {}, 'No response headers.'),
        attempt.responseBody
          ? h('pre', { class: 'response-body', tabindex: 0, 'aria-label': 'Response body (first 4 KiB)' }, pretty(attempt.responseBody))
          : h('p', {}, 'Empty response body.'))));
}

function fact(term, value, className) {
  return [h('dt', {}, term), h('dd', { class: className }, value)];
}

function headerTable(headers, caption) {
  return h('table', { class: 'headers' },
    h('caption', {}, caption),
    h('tbody', {}, Object.entries(headers ?? {}).map(([name, value]) =>
      h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, value)))));
}

function recoverForm(webhook, reload) {
  const input = h('input', { type: 'datetime-local', id: uid('since'), class: 'recover-since', required: true });
  const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
  input.value = new Date(dayAgo.getTime() - dayAgo.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  const hintId = uid('hint');
  input.setAttribute('aria-describedby', hintId);
  const result = h('output', { class: 'recover-result' });
  const form = h('form', { class: 'recover' },
    h('h2', {}, 'Recover failed deliveries'),
    h('label', { for: input.id }, 'Failed since (your local time)'), input,
    h('div', { id: hintId, class: 'hint' }, 'Every delivery created since then that ended failed is queued again, now.'),
    h('button', { type: 'submit' }, 'Recover'),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const since = new Date(input.value);
    if (Number.isNaN(since.getTime())) {
      input.focus();
      return;
    }
    try {
      const answer = await call('POST', `/v1/webhooks/${encodeURIComponent(webhook.id)}/recover`, { since: since.toISOString() });
      result.textContent = `${answer.recovered} failed deliver${answer.recovered === 1 ? 'y was' : 'ies were'} queued again.`;
      notify(result.textContent);
      await reload();
    } catch (e) {
      showProblem(e);
    }
  });
  return form;
}

function samplePreview(webhook, types) {
  const select = h('select', { id: uid('sample-type'), class: 'sample-type' },
    h('optgroup', { label: 'Subscribed' }, webhook.events.map((name) => h('option', { value: name }, name))),
    h('optgroup', { label: 'Every event type' },
      types.filter((t) => !webhook.events.includes(t.name)).map((t) => h('option', { value: t.name }, t.name))));
  const description = h('p', { class: 'hint sample-description' });
  const output = h('pre', { class: 'sample', tabindex: 0, 'aria-label': 'Sample payload', hidden: true });
  const describe = () => {
    description.textContent = types.find((t) => t.name === select.value)?.description ?? '';
  };
  select.addEventListener('change', describe);
  describe();
  const form = h('form', { class: 'sample-preview' },
    h('h2', {}, 'Sample payload'),
    h('p', { class: 'hint' }, 'What a delivery of an event type carries (the envelope, with example data).'),
    h('label', { for: select.id }, 'Event type'), select, description,
    h('button', { type: 'submit' }, 'Show sample'),
    output);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const sample = await call('GET', `/v1/event-types/${encodeURIComponent(select.value)}/sample`);
      output.textContent = JSON.stringify(sample, null, 2);
      output.hidden = false;
    } catch (e) {
      showProblem(e);
    }
  });
  return form;
}
