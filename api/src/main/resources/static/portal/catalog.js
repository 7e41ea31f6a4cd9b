// The event catalog (GET /v1/event-types), read once per page load: it is the same for every
// tenant and changes only with a new release.
import { all } from './api.js';

let types = null;

/** Every event type [{name, description, schema}], by name. */
export function eventTypes() {
  if (!types) {
    types = all('/v1/event-types').catch((e) => {
      types = null;
      throw e;
    });
  }
  return types;
}

/** The types grouped by their first segment (customer, order, …), for the form's fieldsets. */
export function grouped(list) {
  const groups = new Map();
  for (const type of list) {
    const group = type.name.split('.')[0];
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(type);
  }
  return groups;
}

/** A schema node's type in words: "string", "integer ≥ 1", "one of open, completed", "string or null". */
export function typeLabel(node) {
  if (!node || typeof node !== 'object') return 'any';
  if (Array.isArray(node.enum)) return `one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if ('const' in node) return `exactly ${JSON.stringify(node.const)}`;
  const alternatives = node.anyOf ?? node.oneOf;
  if (Array.isArray(alternatives)) return alternatives.map(typeLabel).join(' or ');
  const type = Array.isArray(node.type) ? node.type.join(' or ') : node.type ?? 'any';
  if (type === 'array') return `list of ${typeLabel(node.items)}`;
  return type;
}

/** Constraints worth telling: a pattern, bounds, a format. */
export function constraints(node) {
  if (!node || typeof node !== 'object') return '';
  const alternatives = node.anyOf ?? node.oneOf;
  if (Array.isArray(alternatives)) return alternatives.map(constraints).filter(Boolean).join('; ');
  const parts = [];
  if (node.format) parts.push(`format ${node.format}`);
  if (node.pattern) parts.push(`pattern ${node.pattern}`);
  if (node.minimum !== undefined) parts.push(`≥ ${node.minimum}`);
  if (node.maximum !== undefined) parts.push(`≤ ${node.maximum}`);
  if (node.minLength !== undefined || node.maxLength !== undefined) {
    parts.push(`${node.minLength ?? 0} to ${node.maxLength ?? '…'} characters`);
  }
  if (node.minItems !== undefined) parts.push(`at least ${node.minItems} item${node.minItems === 1 ? '' : 's'}`);
  return parts.join('; ');
}

function objectOf(node) {
  if (!node || typeof node !== 'object') return null;
  if (node.properties) return node;
  const alternatives = node.anyOf ?? node.oneOf;
  return Array.isArray(alternatives) ? alternatives.map(objectOf).find(Boolean) ?? null : null;
}

/**
 * Every property of a type's data as a row: its dotted path into the delivered envelope
 * (data.total.currency; list items as data.items[].name), type, whether required, constraints,
 * and whether a filter can compare it (scalars outside lists).
 */
export function schemaPaths(schema, prefix = 'data', inList = false) {
  const rows = [];
  const object = objectOf(schema);
  if (!object) return rows;
  const required = new Set(object.required ?? []);
  for (const [name, node] of Object.entries(object.properties ?? {})) {
    const path = `${prefix}.${name}`;
    const isList = node?.type === 'array';
    const child = isList ? node.items : node;
    const nested = objectOf(child);
    rows.push({
      path,
      depth: path.split('.').length - 2,
      type: typeLabel(node),
      required: required.has(name),
      constraints: constraints(node),
      description: node?.description ?? '',
      filterable: !inList && !isList && !nested,
    });
    if (nested) rows.push(...schemaPaths(child, isList ? `${path}[]` : path, inList || isList));
  }
  return rows;
}

/** The envelope's own fields a filter can compare, besides the data's. */
export const ENVELOPE_PATHS = [
  { path: 'siteId', type: 'string or null', description: 'The site of the event (site_…)', filterable: true },
  { path: 'triggeredBy', type: 'string or null', description: 'Who caused it (the token’s subject)', filterable: true },
];
