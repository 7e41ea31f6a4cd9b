// Sign-in. Dev mode: a demo token from POST /dev/tokens. Otherwise the OAuth2 authorization
// code flow with PKCE (S256) against the configured issuer, as a public client. The token lives
// in sessionStorage only: closing the tab signs out.
import { ApiError, call } from './api.js';

const SESSION_KEY = 'hookline.portal.session';
const PENDING_KEY = 'hookline.portal.pending-authorization';

/** The stored session {token, expiresAt, tenant}, or null when absent or expired. */
export function loadSession() {
  const stored = readJson(sessionStorage.getItem(SESSION_KEY));
  if (!stored?.token) return null;
  const expiresAt = stored.expiresAt ? Date.parse(stored.expiresAt) : expiryOf(stored.token);
  if (expiresAt && expiresAt <= Date.now()) {
    clearSession();
    return null;
  }
  return stored;
}

export function saveSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** The tenant ids the token may act for (its `tenants` claim). */
export function tenantsOf(token) {
  const tenants = claimsOf(token).tenants;
  if (Array.isArray(tenants)) return tenants.map(String);
  return typeof tenants === 'string' ? tenants.split(/[ ,]+/).filter(Boolean) : [];
}

export function claimsOf(token) {
  const payload = String(token).split('.')[1] ?? '';
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

function expiryOf(token) {
  const exp = claimsOf(token).exp;
  return typeof exp === 'number' ? exp * 1000 : null;
}

/** Dev mode: one click, the demo tenant, every tenant scope. */
export async function devSignIn() {
  const answer = await call('POST', '/dev/tokens', {}, { auth: false });
  return { token: answer.token, expiresAt: answer.expiresAt, tenant: answer.tenantId };
}

function redirectUri() {
  return `${location.origin}${location.pathname}`;
}

/** Sends the browser to the issuer's authorization endpoint; it comes back with ?code&state. */
export async function startAuthorization(config) {
  const discovery = await discover(config.issuer);
  const verifier = randomString(64);
  const state = randomString(32);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, redirectUri: redirectUri() }));
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', config.scopes);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await s256(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (config.audience) url.searchParams.set('audience', config.audience);
  location.assign(url.toString());
}

/** Whether this page load is the issuer sending the browser back. */
export function isAuthorizationResponse(params) {
  return params.has('state') && (params.has('code') || params.has('error'));
}

/** Checks the state, redeems the code with the PKCE verifier, and answers the new session. */
export async function completeAuthorization(config, params) {
  const pending = readJson(sessionStorage.getItem(PENDING_KEY));
  sessionStorage.removeItem(PENDING_KEY);
  if (!pending || params.get('state') !== pending.state) {
    throw new ApiError(400, {
      title: 'Sign-in was not completed',
      detail: 'The answer from the identity provider does not match a sign-in started here (state mismatch). Sign in again.',
    });
  }
  if (params.has('error')) {
    throw new ApiError(400, {
      title: 'The identity provider refused the sign-in',
      detail: `${params.get('error')}${params.get('error_description') ? `: ${params.get('error_description')}` : ''}`,
    });
  }
  const discovery = await discover(config.issuer);
  let response;
  try {
    response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.get('code'),
        redirect_uri: pending.redirectUri,
        client_id: config.clientId,
        code_verifier: pending.verifier,
      }),
    });
  } catch (e) {
    throw new ApiError(0, { title: 'The identity provider could not be reached', detail: e.message });
  }
  const answer = readJson(await response.text()) ?? {};
  if (!response.ok || !answer.access_token) {
    throw new ApiError(response.status, {
      title: 'The identity provider did not issue a token',
      detail: answer.error_description || answer.error || `HTTP ${response.status}`,
    });
  }
  const expiresAt = answer.expires_in
    ? new Date(Date.now() + answer.expires_in * 1000).toISOString()
    : null;
  return { token: answer.access_token, expiresAt, tenant: null };
}

async function discover(issuer) {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(0, { title: 'The identity provider could not be reached', detail: `${url}: ${e.message}` });
  }
  const document = readJson(await response.text());
  if (!response.ok || !document?.authorization_endpoint || !document?.token_endpoint) {
    throw new ApiError(response.status, {
      title: 'The identity provider has no usable discovery document',
      detail: `${url} answered HTTP ${response.status} without authorization_endpoint and token_endpoint`,
    });
  }
  if (document.issuer && document.issuer.replace(/\/+$/, '') !== issuer.replace(/\/+$/, '')) {
    throw new ApiError(0, {
      title: 'The identity provider is not the configured issuer',
      detail: `expected ${issuer}, the discovery document says ${document.issuer}`,
    });
  }
  return document;
}

function randomString(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function s256(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function base64url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function readJson(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
