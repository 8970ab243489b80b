import { describe, expect, it } from "vitest";
import { SseParser, type SseEvent } from "./sse.js";

function parse(chunks: (string | Uint8Array)[], end = true): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = new SseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  if (end) parser.end();
  return events;
}

describe("server-sent events", () => {
  it("hands on OpenAI's one-line events, whatever the chunks cut", () => {
    const body = "data: {\"a\":1}\n\ndata: {\"b\":2}\n\ndata: [DONE]\n\n";
    const whole = parse([body]);
    expect(whole).toEqual([{ event: "message", data: "{\"a\":1}" }, { event: "message", data: "{\"b\":2}" }, { event: "message", data: "[DONE]" }]);
    for (let cut = 1; cut < body.length; cut += 1) expect(parse([body.slice(0, cut), body.slice(cut)])).toEqual(whole);
  });

  it("reads Anthropic's named events, CRLF line ends, comments and data over several lines", () => {
    const body = ": ping\r\n\r\nevent: message_start\r\ndata: {\"x\":1}\r\n\r\nevent: note\ndata: one\ndata:two\n\n";
    const events = parse([body.slice(0, 20), body.slice(20, 21), body.slice(21)]);
    expect(events).toEqual([{ event: "message_start", data: "{\"x\":1}" }, { event: "note", data: "one\ntwo" }]);
  });

  it("keeps a character whose bytes arrive in two chunks, and a last event without its blank line", () => {
    const bytes = new TextEncoder().encode("data: héllo\n\ndata: tail");
    const split = bytes.indexOf(0xc3) + 1;
    expect(parse([bytes.slice(0, split), bytes.slice(split)])).toEqual([{ event: "message", data: "héllo" }, { event: "message", data: "tail" }]);
    expect(parse([bytes], false)).toEqual([{ event: "message", data: "héllo" }]);
  });

  it("lets the handler's error out of push", () => {
    const parser = new SseParser(() => { throw new Error("bad event"); });
    expect(() => parser.push("data: x\n\n")).toThrow("bad event");
  });
});
