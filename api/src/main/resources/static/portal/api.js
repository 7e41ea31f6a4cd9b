// The portal's one way to the server: the public API with a bearer token and X-Tenant-ID, like
// any integrator. Errors come back as ApiError carrying the RFC 9457 problem; a 429 is waited
// out (Retry-After) with a visible notice, then the call is made again.
import { dismissNotice, notify } from './ui.js';

const RATE_LIMIT_RETRIES = 3;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** Whether the problem's type is https://hookline.dev/problems/<slug>. */
  is(slug) {
    return typeof this.problem.type === 'string' && this.problem.type.endsWith(`/problems/${slug}`);
  }
}

const session = { token: null, tenant: null, onUnauthorized: () => {} };

export function useSession(token, tenant, onUnauthorized) {
  session.token = token;
  session.tenant = tenant;
  session.onUnauthorized = onUnauthorized ?? (() => {});
}

/** Calls the API; resolves with the parsed JSON body (null when empty), or throws ApiError. */
export async function call(method, path, body, { auth = true } = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth) {
      headers.Authorization = `Bearer ${session.token}`;
      headers['X-Tenant-ID'] = session.tenant;
    }
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, { title: 'The server could not be reached', detail: e.message });
    }
    if (response.status === 429 && attempt < RATE_LIMIT_RETRIES) {
      await waitOut(retryAfterSeconds(response));
      continue;
    }
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) {
      const problem = json && typeof json === 'object' && !Array.isArray(json)
        ? json
        : { title: `HTTP ${response.status}`, detail: text.slice(0, 300) || response.statusText };
      const error = new ApiError(response.status, problem);
      if (response.status === 401 && auth) {
        session.onUnauthorized(error);
        error.handled = true; // the sign-in page now shows it; views need not show it again
      }
      throw error;
    }
    return json;
  }
}

/** Every item of a keyset-paginated list (for the short lists the portal needs whole). */
export async function all(path) {
  return (await allWithPage(path)).items;
}

/** As all(), and the first page's body too (the webhook list carries the tenant's cap there). */
export async function allWithPage(path) {
  const items = [];
  let first = null;
  let cursor = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await call('GET', `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    first ??= page;
    items.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return { items, first };
}

function parseJson(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Retry-After is delta-seconds or an HTTP date; a missing or odd one means the 10 s window. */
function retryAfterSeconds(response) {
  const value = response.headers.get('Retry-After');
  let seconds = Number.parseInt(value ?? '', 10);
  if (Number.isNaN(seconds) && value) {
    seconds = Math.ceil((Date.parse(value) - Date.now()) / 1000);
  }
  if (Number.isNaN(seconds)) seconds = 10;
  return Math.min(Math.max(seconds, 1), 120);
}

function waitOut(seconds) {
  return new Promise((resolve) => {
    let left = seconds;
    const say = () => notify(
      `Too many requests for this tenant: the rate limit allows a burst, then a pause. Retrying in ${left} s…`,
      { key: 'rate-limit', sticky: true, kind: 'warning' });
    say();
    const timer = setInterval(() => {
      left -= 1;
      if (left > 0) {
        say();
        return;
      }
      clearInterval(timer);
      dismissNotice('rate-limit');
      notify('Retrying now after the rate-limit pause.', { key: 'rate-limit-done' });
      resolve();
    }, 1000);
  });
}
