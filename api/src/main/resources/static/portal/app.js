// The portal's entry: loads its sign-in settings, signs the admin in (dev token or OAuth2 code
// flow with PKCE), lets them pick a tenant when the token has several, then routes between the
// views by the URL's hash: #/webhooks, #/webhooks/new, #/webhooks/{id}, #/webhooks/{id}/log,
// #/notifications (with the unread count as a badge on the top bar).
import { ApiError, call, useSession } from './api.js';
import * as auth from './auth.js';
import { deliveryLog } from './log.js';
import { notificationList, refreshUnread } from './notifications.js';
import { clearProblem, h, render, showProblem } from './ui.js';
import { webhookForm, webhookList } from './webhooks.js';

let config = null;
let current = null;

async function boot() {
  document.getElementById('sign-out').addEventListener('click', signOut);
  document.getElementById('switch-tenant').addEventListener('click', () => {
    current.tenant = null;
    auth.saveSession(current);
    showTenantPicker();
  });
  window.addEventListener('hashchange', route);
  try {
    config = await call('GET', 'config.json', undefined, { auth: false });
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
  document.getElementById('notifications-link').hidden = false;
  if (!location.hash || location.hash === '#') {
    history.replaceState(null, '', '#/webhooks');
  }
  route();
}

function route() {
  if (!current?.tenant) return;
  clearProblem();
  const path = location.hash.replace(/^#/, '');
  const run = (view) => view.catch((e) => showProblem(e));
  if (path !== '/notifications') refreshUnread(); // the list view counts them itself
  let match;
  if (path === '/webhooks' || path === '/' || path === '') return run(webhookList());
  if (path === '/webhooks/new') return run(webhookForm(null));
  if (path === '/notifications') return run(notificationList());
  if ((match = path.match(/^\/webhooks\/([^/]+)\/log$/))) return run(deliveryLog(decodeURIComponent(match[1])));
  if ((match = path.match(/^\/webhooks\/([^/]+)$/))) return run(webhookForm(decodeURIComponent(match[1])));
  location.hash = '#/webhooks';
  return undefined;
}

function showTenantPicker() {
  useSession(current.token, null, sessionEnded);
  document.getElementById('session').hidden = false;
  document.getElementById('tenant-label').textContent = '';
  document.getElementById('switch-tenant').hidden = true;
  document.getElementById('notifications-link').hidden = true;
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
