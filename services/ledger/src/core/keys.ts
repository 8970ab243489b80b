// API keys are 32 random bytes behind a recognisable prefix. Only a SHA-256 of the key is stored,
// so a leaked database cannot be replayed against the gateway; the short prefix is for display.
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "xr-";
export const DISPLAY_PREFIX_LENGTH = 8;

export interface GeneratedApiKey {
  apiKey: string;
  keyHash: string;
  keyPrefix: string;
}

export function hashApiKey(apiKey: string): string {
  return createHash("sha256").update(apiKey, "utf8").digest("hex");
}

export function displayPrefix(apiKey: string): string {
  return apiKey.slice(0, DISPLAY_PREFIX_LENGTH);
}

export function generateApiKey(): GeneratedApiKey {
  const apiKey = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { apiKey, keyHash: hashApiKey(apiKey), keyPrefix: displayPrefix(apiKey) };
}

/** Key ids are public (they appear in logs and spend reports), unlike the keys themselves. */
export function newKeyId(): string {
  return `key_${randomBytes(12).toString("hex")}`;
}
