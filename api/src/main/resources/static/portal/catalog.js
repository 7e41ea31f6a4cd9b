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
