// An integrator's journey with the generated client and nothing else of Hookline's: create a
// webhook to a receiver of our own, publish an event, receive it, verify it with the
// standardwebhooks package, page through the delivery log, and honour 429s. Run by the
// build (TypeScriptJourneyTests) with HOOKLINE_URL, HOOKLINE_TOKEN and HOOKLINE_TENANT set;
// prints one JSON line with what it saw and exits non-zero on anything unexpected.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { createHooklineClient, parseRateLimit } from "./hookline.js";

const baseUrl = required("HOOKLINE_URL");
const tenant = required("HOOKLINE_TENANT");
const DEADLINE_MS = 20_000;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}

/** The integrator's endpoint: records each request's raw body and answers 204. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hookline`, received, server };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const end = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    check(Date.now() < end, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let rateLimited = 0;
// guide:client
const client = createHooklineClient({
  baseUrl,
  token: required("HOOKLINE_TOKEN"),
  onRateLimited: () => rateLimited++,
});
const tenantHeader = { "X-Tenant-ID": tenant };
// guide:end
const receiver = await startReceiver();
try {
  const created = await client.POST("/v1/webhooks", {
    params: { header: tenantHeader },
    body: { name: "TypeScript journey", url: receiver.url, events: ["order.placed"] },
  });
  check(created.response.status === 201 && created.data, `createWebhook answered ${created.response.status}`);
  const { id: webhookId, secret } = created.data;
  check(webhookId && typeof secret === "string" && secret.startsWith("whsec_"), "the new webhook has an id and its secret");
  const budget = parseRateLimit(created.response.headers.get("RateLimit"));
  check(budget, "a tenant call answers with its RateLimit header");

  const sample = await client.GET("/v1/event-types/{name}/sample", {
    params: { path: { name: "order.placed" }, header: tenantHeader },
  });
  check(sample.data?.data, `the order.placed sample answered ${sample.response.status}`);
  const publish = () =>
    client.POST("/v1/events", {
      params: { header: tenantHeader },
      body: { type: "order.placed", data: sample.data!.data! },
    });
  const first = await publish();
  check(first.response.status === 202 && first.data?.id, `publishEvent answered ${first.response.status}`);

  const delivered = await until("the first delivery", () => receiver.received[0]);
  check(delivered.headers["webhook-id"] === first.data.id, "the delivery carries the event's id as webhook-id");
  // guide:verify
  const headers = {
    "webhook-id": String(delivered.headers["webhook-id"]),
    "webhook-timestamp": String(delivered.headers["webhook-timestamp"]),
    "webhook-signature": String(delivered.headers["webhook-signature"]),
  };
  const payload = new Webhook(secret).verify(delivered.body, headers) as { type?: string };
  // guide:end
  check(payload.type === "order.placed", "the verified payload is the order.placed event");
  let tamperedRefused = false;
  try {
    new Webhook(secret).verify(delivered.body + " ", headers);
  } catch {
    tamperedRefused = true;
  }
  check(tamperedRefused, "a changed body fails verification");

  for (let i = 0; i < 4; i++) {
    const next = await publish();
    check(next.response.status === 202, `publishEvent answered ${next.response.status}`);
  }
  await until("five deliveries", () => (receiver.received.length >= 5 ? true : undefined));

  // the log, two at a time, until every delivery is settled as succeeded
  let pages = 0;
  const log = await until("five succeeded deliveries in the log", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    pages = 0;
    do {
      const page = await client.GET("/v1/webhooks/{id}/deliveries", {
        params: { path: { id: webhookId }, query: { limit: 2, cursor }, header: tenantHeader },
      });
      check(page.data?.data, `listDeliveries answered ${page.response.status}`);
      check(page.data.data.length <= 2, "a page holds at most limit deliveries");
      pages++;
      for (const delivery of page.data.data) {
        if (delivery.status === "succeeded" && delivery.id) {
          seen.push(delivery.id);
        }
      }
      cursor = page.data.nextCursor ?? undefined;
    } while (cursor);
    return seen.length === 5 ? seen : undefined;
  });
  check(new Set(log).size === 5, "no delivery is listed twice across pages");

  // more calls than the tenant's window allows: the client waits out each 429 and goes on
  let answered = 0;
  for (let i = 0; i < 15; i++) {
    const read = await client.GET("/v1/webhooks/{id}", {
      params: { path: { id: webhookId }, header: tenantHeader },
    });
    check(read.response.status === 200, `getWebhook answered ${read.response.status}`);
    answered++;
  }
  check(rateLimited > 0, "the burst went over the tenant's limit at least once");

  console.log(
    JSON.stringify({
      webhookId,
      verified: true,
      tamperedRefused,
      delivered: receiver.received.length,
      logged: log.length,
      pages,
      answered,
      rateLimited,
    }),
  );
} finally {
  receiver.server.close();
}
