// The portal's entry: loads its sign-in settings, signs the admin in (dev token or OAuth2 code
// flow with PKCE), lets them pick a tenant when the token has several, then routes between the
// views by the URL's hash: #/overview, #/webhooks, #/webhooks/new, #/webhooks/{id},
// #/webhooks/{id}/settings, #/webhooks/{id}/log, #/deliveries, #/catalog, #/catalog/{type},
// #/notifications (with the unread count as a badge in the navigation).
// The log routes take their filters as a query (#/deliveries?status=failed).
import { ApiError, call, useSession } from './api.js';
import * as auth from './auth.js';
import { catalogPage, eventTypePage } from './eventcatalog.js';
import { deliveryLog } from './log.js';
import { notificationList, refreshUnread } from './notifications.js';
import { overview } from './stats.js';
import { clearProblem, h, render, renderNotFound, showProblem } from './ui.js';
import { webhookPage } from './webhook-page.js';
import { setPortalConfig, webhookForm, webhookList } from './webhooks.js';

let config = null;
let current = null;

const THEME_KEY = 'hookline.portal.theme';

/** Light or dark: the admin's choice when made here, else the system's (prefers-color-scheme). */
function applyTheme() {
  const chosen = localStorage.getItem(THEME_KEY);
  if (chosen === 'dark' || chosen === 'light') {
    document.documentElement.dataset.theme = chosen;
  } else {
    delete document.documentElement.dataset.theme;
  }
  const dark = chosen ? chosen === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  const toggle = document.getElementById('theme-toggle');
  toggle.setAttribute('aria-pressed', String(dark));
  toggle.textContent = 'Dark mode';
}

async function boot() {
  applyTheme();
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', applyTheme);
  document.getElementById('theme-toggle').addEventListener('click', (event) => {
    const dark = event.currentTarget.getAttribute('aria-pressed') === 'true';
    localStorage.setItem(THEME_KEY, dark ? 'light' : 'dark');
    applyTheme();
  });
  document.getElementById('sign-out').addEventListener('click', signOut);
  document.getElementById('switch-tenant').addEventListener('click', () => {
    current.tenant = null;
    auth.saveSession(current);
    showTenantPicker();
  });
  window.addEventListener('hashchange', route);
  try {
    config = await call('GET', 'config.json', undefined, { auth: false });
    setPortalConfig(config);
  } catch (e) {
    render(h('h1', {}, 'Webhooks'), h('p', {}, 'The portal could not load its settings from the server.'));
    showProblem(e);
    return;
  }
  const params = new URLSearchParams(location.search);
  if (auth.isAuthorizationResponse(params)) {
    // the code must not stay in the address bar or the history
    history.replaceState(null, '', `${location.pathname}${location.hash}`);
    try {
      begin(await auth.completeAuthorization(config, params));
    } catch (e) {
      showSignIn();
      showProblem(e);
    }
    return;
  }
  const stored = auth.loadSession();
  if (stored) {
    begin(stored);
  } else {
    showSignIn();
  }
}

function begin(session) {
  const tenants = auth.tenantsOf(session.token);
  if (tenants.length === 0) {
    showSignIn();
    showProblem(new ApiError(403, {
      title: 'This sign-in gives access to no tenant',
      detail: 'The token has no tenants claim. Ask your administrator to grant you a tenant.',
    }));
    return;
  }
  if (!tenants.includes(session.tenant)) {
    session.tenant = tenants.length === 1 ? tenants[0] : null;
  }
  current = session;
  auth.saveSession(current);
  if (current.tenant) {
    enterTenant();
  } else {
    showTenantPicker();
  }
}

function enterTenant() {
  useSession(current.token, current.tenant, sessionEnded);
  const tenants = auth.tenantsOf(current.token);
  document.getElementById('session').hidden = false;
  document.getElementById('tenant-label').textContent = `Tenant ${current.tenant}`;
  document.getElementById('switch-tenant').hidden = tenants.length < 2;
  document.getElementById('mainnav').hidden = false;
  if (!location.hash || location.hash === '#') {
    history.replaceState(null, '', '#/webhooks');
  }
  route();
}

function route() {
  if (!current?.tenant) return;
  clearProblem();
  const [path, search] = location.hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(search ?? '');
  markNavigation(path);
  const run = (view) => view.catch((e) => {
    if (e?.status === 404 && !e.handled) {
      renderNotFound('Not found', `${e.problem?.detail ?? 'Nothing is at this address.'} It may have been deleted, `
        + 'or belong to another tenant.');
      return;
    }
    showProblem(e);
  });
  if (path !== '/notifications') refreshUnread(); // the list view counts them itself
  let match;
  const id = (m) => decodeURIComponent(m[1]);
  if (path === '/webhooks' || path === '/' || path === '') return run(webhookList());
  if (path === '/overview') return run(overview(query));
  if (path === '/deliveries') return run(deliveryLog(null, query));
  if (path === '/catalog') return run(catalogPage());
  if ((match = path.match(/^\/catalog\/([^/]+)$/))) return run(eventTypePage(id(match)));
  if (path === '/webhooks/new') return run(webhookForm(null));
  if (path === '/notifications') return run(notificationList());
  if ((match = path.match(/^\/webhooks\/([^/]+)\/log$/))) return run(deliveryLog(id(match), query));
  if ((match = path.match(/^\/webhooks\/([^/]+)\/settings$/))) return run(webhookForm(id(match)));
  if ((match = path.match(/^\/webhooks\/([^/]+)$/))) return run(webhookPage(id(match), query));
  location.hash = '#/webhooks';
  return undefined;
}

function markNavigation(path) {
  const section = path.startsWith('/catalog') ? 'catalog'
    : path.startsWith('/deliveries') ? 'deliveries'
      : path.startsWith('/overview') ? 'overview' : 'webhooks';
  for (const link of document.querySelectorAll('#mainnav a')) {
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function showTenantPicker() {
  useSession(current.token, null, sessionEnded);
  document.getElementById('session').hidden = false;
  document.getElementById('tenant-label').textContent = '';
  document.getElementById('switch-tenant').hidden = true;
  document.getElementById('mainnav').hidden = true;
  const tenants = auth.tenantsOf(current.token);
  render(
    h('h1', {}, 'Choose a tenant'),
    h('p', {}, 'Your sign-in gives you access to several tenants. Which one do you want to manage?'),
    h('ul', { class: 'tenant-list' },
      tenants.map((tenant) => h('li', {},
        h('button', {
          type: 'button',
          class: 'tenant-choice',
          'data-tenant': tenant,
          onclick: () => {
            current.tenant = tenant;
            auth.saveSession(current);
            enterTenant();
          },
        }, tenant)))),
  );
}

function showSignIn() {
  useSession(null, null, null);
  document.getElementById('session').hidden = true;
  document.getElementById('mainnav').hidden = true;
  const heading = h('h1', {}, 'Sign in to manage webhooks');
  if (config?.devMode) {
    render(
      heading,
      h('p', {}, 'This node runs in dev mode: sign in as the demo tenant with one click. The token allows every tenant scope for an hour.'),
      h('button', { type: 'button', id: 'dev-sign-in', class: 'primary', onclick: devSignIn }, 'Sign in with the demo tenant'),
    );
    return;
  }
  if (!config?.issuer || !config?.clientId) {
    render(
      heading,
      h('p', {}, 'Sign-in is not configured on this node. An operator sets ',
        h('code', {}, 'hookline.portal.client-id'), ' (a public OAuth2 client with PKCE) and the issuer (',
        h('code', {}, 'spring.security.oauth2.resourceserver.jwt.issuer-uri'), ' or ',
        h('code', {}, 'hookline.portal.issuer-uri'), ').'),
    );
    return;
  }
  render(
    heading,
    h('p', {}, 'You will be sent to your organisation’s sign-in page, then brought back here.'),
    h('button', { type: 'button', id: 'oauth-sign-in', class: 'primary', onclick: oauthSignIn }, 'Sign in'),
    h('p', { class: 'hint' }, `Identity provider: ${config.issuer}`),
  );
}

async function devSignIn(event) {
  event.currentTarget.disabled = true;
  try {
    begin(await auth.devSignIn());
  } catch (e) {
    showSignIn();
    showProblem(e);
  }
}

async function oauthSignIn(event) {
  event.currentTarget.disabled = true;
  try {
    await auth.startAuthorization(config);
  } catch (e) {
    showSignIn();
    showProblem(e);
  }
}

function signOut() {
  auth.clearSession();
  current = null;
  history.replaceState(null, '', location.pathname);
  clearProblem();
  showSignIn();
}

function sessionEnded(error) {
  auth.clearSession();
  current = null;
  showSignIn();
  showProblem(error, 'Your sign-in has ended or was refused: sign in again.');
}

boot();
