// Server-sent events from a response body, event by event as the bytes arrive (OpenAI and
// Anthropic both stream this way). Only what the providers use: `event:` and `data:` fields.
// Pushed, not pulled: each network chunk is parsed where it arrives and its events handed on in
// the same call. A chain of async generators (body, parser, adapter, telemetry, collector) cost
// a promise and a microtask per level per event, which a streamed answer pays for every token.

export interface SseEvent {
  /** The `event:` field; "message" when the provider sends none (OpenAI). */
  event: string;
  data: string;
}

const DATA_PREFIX = "data: ";

function parseBlock(block: string): SseEvent | undefined {
  // OpenAI's every event: one `data: ...` line
  if (block.startsWith(DATA_PREFIX) && !block.includes("\n")) return { event: "message", data: block.slice(DATA_PREFIX.length) };
  let event = "message";
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  return data.length > 0 ? { event, data: data.join("\n") } : undefined;
}

const CRLF_BOUNDARY = /\r?\n\r?\n/g;

export class SseParser {
  private buffer = "";
  private sawCarriageReturn = false;
  private readonly decoder = new TextDecoder();

  /** `onEvent` runs synchronously inside `push`; what it throws, `push` throws. */
  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  push(chunk: Uint8Array | string): void {
    const text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    if (!this.sawCarriageReturn && text.includes("\r")) this.sawCarriageReturn = true;
    this.buffer += text;
    this.drain();
  }

  /** The body ended: a last block without its blank line still counts. */
  end(): void {
    this.buffer += this.decoder.decode();
    const last = parseBlock(this.buffer);
    this.buffer = "";
    if (last) this.onEvent(last);
  }

  /** Hands on every complete block; a handler that throws ends the stream, so what is left does not matter. */
  private drain(): void {
    let from = 0;
    for (let boundary = this.nextBoundary(0); boundary; boundary = this.nextBoundary(from)) {
      const event = parseBlock(this.buffer.slice(from, boundary.at));
      from = boundary.at + boundary.length;
      if (event) this.onEvent(event);
    }
    if (from > 0) this.buffer = this.buffer.slice(from);
  }

  private nextBoundary(from: number): { at: number; length: number } | undefined {
    if (!this.sawCarriageReturn) {
      const at = this.buffer.indexOf("\n\n", from);
      return at < 0 ? undefined : { at, length: 2 };
    }
    CRLF_BOUNDARY.lastIndex = from;
    const match = CRLF_BOUNDARY.exec(this.buffer);
    return match ? { at: match.index, length: match[0].length } : undefined;
  }
}
