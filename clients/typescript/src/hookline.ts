// A typed Hookline client: openapi-fetch over the types openapi-typescript generates from
// openapi/openapi.yaml (src/schema.d.ts), with the bearer token on every call and the
// documented back-off on 429 (wait Retry-After seconds, then send the same request again).
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.js";

export type { paths, components } from "./schema.js";

export interface HooklineOptions {
  baseUrl: string;
  token: string;
  /** How often one call may be rate limited before its 429 is handed to the caller. */
  maxRetries?: number;
  /** Told of every 429 before the wait, with the seconds it will wait. */
  onRateLimited?: (retryAfterSeconds: number, rateLimit: RateLimit | undefined) => void;
}

/** The RateLimit header (`"default";r=0;t=2`): requests left in the window, seconds until it resets. */
export interface RateLimit {
  remaining: number;
  resetSeconds: number;
}

export function parseRateLimit(header: string | null): RateLimit | undefined {
  const remaining = header?.match(/;\s*r=(\d+)/)?.[1];
  const reset = header?.match(/;\s*t=(\d+)/)?.[1];
  return remaining === undefined || reset === undefined
    ? undefined
    : { remaining: Number(remaining), resetSeconds: Number(reset) };
}

export function createHooklineClient(options: HooklineOptions) {
  const maxRetries = options.maxRetries ?? 5;
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${options.token}`);
      return request;
    },
  };
  // openapi-fetch hands the middleware a Request whose body it has not read yet: a clone can be
  // sent again after the wait.
  const fetchWithBackoff = async (input: Request): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(input.clone());
      if (response.status !== 429 || attempt >= maxRetries) {
        return response;
      }
      const seconds = Number(response.headers.get("Retry-After") ?? "1");
      options.onRateLimited?.(seconds, parseRateLimit(response.headers.get("RateLimit")));
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  };
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: fetchWithBackoff });
  client.use(auth);
  return client;
}
