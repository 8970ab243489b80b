// The router's own bill for one Decide: every request to the router LLM (a corrected retry too),
// priced at the router's configured rate. When the endpoint reports no usage the tokens are
// counted with gpt-tokenizer and the usage is marked estimated.
import { costNano, countCl100kTokens, type Usage } from "../../../../common/src/index.js";
import type { RouterChatReply, RouterChatRequest } from "./types.js";

export interface RouterPrice {
  input_nanousd_per_token: number;
  output_nanousd_per_token: number;
}

// Chat-template framing per message, as for OpenAI's own counts.
const PER_MESSAGE_TOKENS = 4;
// Prompt text may contain "<|im_end|>" and friends; here they are plain text.
const count = countCl100kTokens;

export function estimatePromptTokens(request: RouterChatRequest): number {
  let total = count(JSON.stringify(request.tools));
  for (const m of request.messages) {
    total += PER_MESSAGE_TOKENS + count(m.content ?? "");
    if (m.role === "assistant") total += count(JSON.stringify(m.tool_calls ?? []));
  }
  return total;
}

export function estimateCompletionTokens(reply: RouterChatReply): number {
  return count(reply.content ?? "") + reply.toolCalls.reduce((sum, c) => sum + count(c.function.name) + count(c.function.arguments), 0);
}

export class RouterMeter {
  private input = 0;
  private output = 0;
  private estimated = false;
  requests = 0;

  constructor(private readonly price: RouterPrice) {}

  add(request: RouterChatRequest, reply: RouterChatReply): void {
    this.requests += 1;
    if (reply.usage) {
      this.input += reply.usage.promptTokens;
      this.output += reply.usage.completionTokens;
    } else {
      this.input += estimatePromptTokens(request);
      this.output += estimateCompletionTokens(reply);
      this.estimated = true;
    }
  }

  usage(): Usage {
    return {
      input_tokens: this.input, output_tokens: this.output, cached_input_tokens: 0, reasoning_tokens: 0,
      cache_write_tokens: 0, estimated: this.estimated,
    };
  }

  costNano(): number {
    return costNano({ input_tokens: this.input, output_tokens: this.output }, {
      input_nanousd_per_token: this.price.input_nanousd_per_token, cached_input_nanousd_per_token: this.price.input_nanousd_per_token,
      output_nanousd_per_token: this.price.output_nanousd_per_token, cache_write_nanousd_per_token: this.price.input_nanousd_per_token,
    });
  }
}
