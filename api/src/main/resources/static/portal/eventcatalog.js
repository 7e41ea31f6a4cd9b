// The event catalog (#/catalog, #/catalog/{type}): every event type with its description, its
// schema rendered as a table of properties (and the raw JSON Schema behind a toggle), its sample
// envelope, the webhooks subscribed to it, and "Send test" to any webhook.
import { all, call } from './api.js';
import { eventTypes, grouped, schemaPaths } from './catalog.js';
import { copyButton, h, render, renderNotFound, uid } from './ui.js';
import { testPanel } from './webhook-page.js';

export async function catalogPage() {
  render(h('h1', {}, 'Event catalog'), h('p', { class: 'loading' }, 'Loading…'));
  const types = await eventTypes();
  const search = h('input', { type: 'search', id: uid('catalog-search'), class: 'catalog-search', autocomplete: 'off' });
  const groups = h('div', { class: 'catalog-groups' },
    [...grouped(types)].map(([group, list]) => h('section', { class: 'catalog-group', 'data-group': group },
      h('h2', {}, group === 'webhook' ? 'webhook (operational)' : group),
      h('ul', { class: 'catalog-list' }, list.map((type) => h('li', { 'data-event': type.name },
        h('a', { href: `#/catalog/${encodeURIComponent(type.name)}`, class: 'event-type' }, type.name),
        h('p', { class: 'hint' }, type.description)))))));
  const count = h('p', { class: 'hint catalog-count', 'aria-live': 'polite' }, `${types.length} event types`);
  search.addEventListener('input', () => {
    const needle = search.value.trim().toLowerCase();
    let shown = 0;
    for (const item of groups.querySelectorAll('li[data-event]')) {
      item.hidden = needle !== '' && !item.textContent.toLowerCase().includes(needle);
      if (!item.hidden) shown += 1;
    }
    for (const section of groups.querySelectorAll('.catalog-group')) {
      section.hidden = !section.querySelector('li[data-event]:not([hidden])');
    }
    count.textContent = needle ? `${shown} of ${types.length} event types match` : `${types.length} event types`;
  });
  render(
    h('h1', {}, 'Event catalog'),
    h('p', { class: 'lead' }, 'Every kind of event a webhook can subscribe to: what it means, what its data holds, '
      + 'and an example.'),
    h('label', { for: search.id }, 'Find event types'), search, count,
    groups,
  );
}

export async function eventTypePage(name) {
  const crumb = h('p', { class: 'breadcrumb' }, h('a', { href: '#/catalog' }, '← Event catalog'));
  render(crumb, h('h1', {}, name), h('p', { class: 'loading' }, 'Loading…'));
  const types = await eventTypes();
  const type = types.find((t) => t.name === name);
  if (!type) {
    renderNotFound('Unknown event type', `“${name}” is not in the event catalog.`,
      { href: '#/catalog', label: '← Event catalog' });
    return;
  }
  const [sample, webhooks] = await Promise.all([
    call('GET', `/v1/event-types/${encodeURIComponent(name)}/sample`),
    all('/v1/webhooks'),
  ]);
  const sampleText = JSON.stringify(sample, null, 2);
  const schemaText = JSON.stringify(type.schema, null, 2);
  const subscribed = webhooks.filter((w) => w.events.includes(name));
  const target = h('select', { id: uid('test-webhook'), class: 'test-webhook' },
    webhooks.map((w) => h('option', { value: w.id }, `${w.name}${w.events.includes(name) ? '' : ' (not subscribed)'}`)));
  const testBox = h('div', { class: 'test-box' });
  const showTest = () => {
    const webhook = webhooks.find((w) => w.id === target.value);
    testBox.replaceChildren(webhook ? testPanel(webhook, types, name) : '');
  };
  target.addEventListener('change', showTest);
  render(
    crumb,
    h('h1', { class: 'event-type-name' }, name),
    h('p', { class: 'lead event-description' }, type.description),
    h('section', { class: 'panel schema', 'aria-labelledby': 'schema-heading' },
      h('h2', { id: 'schema-heading' }, 'Data'),
      h('p', { class: 'hint' }, 'The envelope’s data property. Filters compare a property by its path.'),
      schemaTable(type.schema),
      h('details', { class: 'raw-schema' },
        h('summary', {}, 'JSON Schema'),
        copyButton(schemaText, `JSON Schema of ${name}`),
        h('pre', { tabindex: 0, 'aria-label': `JSON Schema of ${name}` }, schemaText))),
    h('section', { class: 'panel sample-panel', 'aria-labelledby': 'sample-heading' },
      h('h2', { id: 'sample-heading' }, 'Sample'),
      h('p', { class: 'hint' }, 'What a delivery of this type carries: the envelope, with example data.'),
      copyButton(sampleText, `sample of ${name}`),
      h('pre', { class: 'sample', tabindex: 0, 'aria-label': `Sample of ${name}` }, sampleText)),
    h('section', { class: 'panel subscribers', 'aria-labelledby': 'subscribers-heading' },
      h('h2', { id: 'subscribers-heading' }, 'Webhooks subscribed'),
      subscribed.length === 0
        ? h('p', {}, 'None of this tenant’s webhooks subscribes to it.')
        : h('ul', {}, subscribed.map((w) => h('li', {}, h('a', { href: `#/webhooks/${encodeURIComponent(w.id)}` }, w.name))))),
    webhooks.length === 0
      ? h('p', { class: 'note' }, 'Create a webhook to send it a test of this type.')
      : h('section', { class: 'catalog-test' },
        h('label', { for: target.id }, 'Send a test to'), target, testBox),
  );
  showTest();
}

function schemaTable(schema) {
  const rows = schemaPaths(schema);
  if (rows.length === 0) return h('p', {}, 'No properties.');
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Properties of the data' },
    h('table', { class: 'schema-table' },
      h('caption', { class: 'visually-hidden' }, 'Properties of the data'),
      h('thead', {}, h('tr', {}, ['Property', 'Type', 'Required', 'Constraints'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((row) => h('tr', { 'data-path': row.path },
        h('th', { scope: 'row' }, h('code', { class: `depth-${Math.min(row.depth, 4)}` }, row.path)),
        h('td', {}, row.type, row.description ? h('div', { class: 'hint' }, row.description) : null),
        h('td', {}, row.required ? 'required' : 'optional'),
        h('td', { class: 'constraints' }, row.constraints || '—'))))));
}
