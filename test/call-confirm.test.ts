// A call is handed to JetStream without waiting for its acknowledgement (services/gateway/src/
// adapters/dispatcher.ts); only a call that sent no event in time is published again, acknowledged.
// Against a real nats-server: that second publish is stored once (the duplicate window), and a call
// that no stream takes fails with a 503 instead of waiting for its deadline.
import { jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { busNames, createNatsBus, newCallId, type CallBus, type ProviderCall } from "../services/common/src/index.js";
import { CallDispatcher } from "../services/gateway/src/adapters/dispatcher.js";
import { natsUrl, uniquePrefix } from "./support/isolation.js";

let nc: NatsConnection;
const closers: Array<() => Promise<unknown> | unknown> = [];

beforeAll(async () => { nc = await connect({ servers: natsUrl() }); });
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close(); });
afterAll(async () => { await nc?.close(); });

async function bus(label: string): Promise<{ prefix: string; client: CallBus; storedCalls(): Promise<number> }> {
  const prefix = uniquePrefix(label);
  const client = await createNatsBus({ url: natsUrl(), prefix, name: `gateway-${label}` });
  closers.push(async () => {
    await client.close();
    const jsm = await jetstreamManager(nc);
    for (const stream of [busNames(prefix).stream, busNames(prefix).recordsStream]) await jsm.streams.delete(stream).catch(() => undefined);
  });
  const storedCalls = async () => (await (await jetstreamManager(nc)).streams.info(busNames(prefix).stream)).state.messages;
  return { prefix, client, storedCalls };
}

const call = (prefix: string): ProviderCall => ({
  call_id: newCallId(), request_id: "req_confirm", model_id: "gpt-4o-mini", provider: "openai",
  messages: [{ role: "user", content: "hi" }], reply_subject: busNames(prefix).replySubject("gw"),
});

it("stores a call once when it is sent and then published again with an acknowledgement", async () => {
  const b = await bus("confirmonce");
  const sent = call(b.prefix);
  expect(b.client.sendCall(sent)).toBe(true);
  await expect.poll(b.storedCalls).toBe(1);
  await b.client.publishCall(sent);
  await b.client.publishCall(sent);
  expect(await b.storedCalls()).toBe(1);
  // a call whose send never reached the stream is stored by the acknowledged publish
  await b.client.publishCall(call(b.prefix));
  expect(await b.storedCalls()).toBe(2);
});

it("fails a call that no stream takes with a 503 once its confirmation is refused", async () => {
  const b = await bus("confirmlost");
  await (await jetstreamManager(nc)).streams.delete(busNames(b.prefix).stream);
  const dispatcher = new CallDispatcher(b.client, busNames(b.prefix).replySubject("gw"), { callTimeoutMs: 60_000, confirmAfterMs: 100 });
  closers.push(() => dispatcher.close());
  const started = Date.now();
  await expect(dispatcher.dispatch([call(b.prefix)])).rejects.toMatchObject({ status: 503 });
  // refused by the confirmation, not left to the 60 s deadline
  expect(Date.now() - started).toBeLessThan(10_000);
}, 20_000);
