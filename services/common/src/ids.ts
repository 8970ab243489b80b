import { randomBytes, randomUUID } from "node:crypto";

export const newRequestId = (): string => `chatcmpl-${randomBytes(12).toString("base64url")}`;
export const newCallId = (): string => `call_${randomUUID().replaceAll("-", "")}`;
export const newInstanceId = (service: string): string => `${service}-${randomBytes(4).toString("hex")}`;
