import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { API_KEY_PREFIX, displayPrefix, generateApiKey, hashApiKey, newKeyId } from "./keys.js";

describe("api keys", () => {
  it("generates xr- keys of 32 random bytes, hashed with sha256", () => {
    const { apiKey, keyHash, keyPrefix } = generateApiKey();
    expect(apiKey.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(Buffer.from(apiKey.slice(API_KEY_PREFIX.length), "base64url")).toHaveLength(32);
    expect(keyHash).toBe(createHash("sha256").update(apiKey).digest("hex"));
    expect(keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(keyPrefix).toBe(apiKey.slice(0, 8));
  });

  it("never repeats a key or a key id", () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().apiKey));
    const ids = new Set(Array.from({ length: 200 }, () => newKeyId()));
    expect(keys.size).toBe(200);
    expect(ids.size).toBe(200);
  });

  it("hashes deterministically and shows only a short prefix", () => {
    expect(hashApiKey("xr-abc")).toBe(hashApiKey("xr-abc"));
    expect(hashApiKey("xr-abc")).not.toBe(hashApiKey("xr-abd"));
    expect(displayPrefix("xr-0123456789")).toBe("xr-01234");
  });
});
