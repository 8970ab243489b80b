import { describe, expect, it } from "vitest";
import { createLogger, grpc } from "../../../common/src/index.js";
import { NoCandidateError } from "../core/backend.js";
import { InvalidHintError, RouterUnavailableError, UnknownPolicyError } from "../core/errors.js";
import { ROUTER_UNAVAILABLE_DETAILS, toStatus } from "./grpc.js";

const logger = createLogger("policy-test", "silent");

describe("toStatus", () => {
  it("maps each no-candidate reason to the status the gateway acts on", () => {
    expect(toStatus(new NoCandidateError("m", "budget"), logger, "r").code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(toStatus(new NoCandidateError("m", "exhausted"), logger, "r").code).toBe(grpc.status.UNAVAILABLE);
    expect(toStatus(new NoCandidateError("m", "filtered"), logger, "r").code).toBe(grpc.status.FAILED_PRECONDITION);
  });

  it("answers INVALID_ARGUMENT for unknown policies and modes, keeping the message", () => {
    const unknown = toStatus(new UnknownPolicyError("x".repeat(500), ["cheapest"]), logger, "r");
    expect(unknown.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(unknown.details!.length).toBeLessThan(200);
    expect(toStatus(new InvalidHintError("bad mode", "mode"), logger, "r").code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it("answers UNAVAILABLE for an unreachable router model, without its address or answer", () => {
    const status = toStatus(new RouterUnavailableError("could not connect to http://10.0.0.7:8000/v1/chat/completions", "connect"), logger, "r");
    expect(status.code).toBe(grpc.status.UNAVAILABLE);
    expect(status.details).toBe(ROUTER_UNAVAILABLE_DETAILS);
    expect(status.details).not.toContain("10.0.0.7");
    // the gateway answers 503 (not 502) for UNAVAILABLE details that speak of the connection
    expect(status.details).toMatch(/connect|No connection|ECONNREFUSED|Name resolution/i);
  });

  it("hides unexpected errors behind a generic INTERNAL message", () => {
    const status = toStatus(new TypeError("cannot read properties of undefined (secret internals)"), logger, "r");
    expect(status.code).toBe(grpc.status.INTERNAL);
    expect(status.details).not.toContain("secret");
  });
});
