// Loads docker-compose.yml the way `docker compose config` reads it, for the deployment tests:
// YAML with merge keys (<<), then variable interpolation from an environment, which is what the
// Compose specification's schema is checked against.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** Compose's interpolation of one string: $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, $$ (defaults without braces). */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, name: string | undefined, colon: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
      if (match === "$$") return "$";
      const key = (name ?? bare)!;
      const value = env[key];
      const missing = colon ? value === undefined || value === "" : value === undefined;
      if (op === "-" && missing) return interpolate(arg ?? "", env);
      if (op === "?" && missing) throw new Error(`${key}: ${arg || "required"}`);
      return value ?? "";
    });
}

function interpolateAll(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === "string") return interpolate(value, env);
  if (Array.isArray(value)) return value.map((v) => interpolateAll(v, env));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, env)]));
  }
  return value;
}

/** KEY=VALUE lines, as `docker compose --env-file` reads them (comments and blank lines skipped). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) throw new Error(`not KEY=VALUE: ${line}`);
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, Record<string, any>>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export function loadCompose(file: string, env: Record<string, string | undefined> = {}): ComposeFile {
  return interpolateAll(parse(readFileSync(file, "utf8"), { merge: true }), env) as ComposeFile;
}

/** The services `docker compose up` starts with these profiles active: those without profiles, and those in one. */
export function activeServices(compose: ComposeFile, profiles: string[]): string[] {
  return Object.entries(compose.services)
    .filter(([, s]) => !s.profiles || (s.profiles as string[]).some((p) => profiles.includes(p)))
    .map(([name]) => name);
}

/** A service's environment as a map (compose accepts a map or a list of KEY=VALUE). */
export function environmentOf(service: Record<string, any>): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((e: string) => [e.split("=")[0], e.slice(e.indexOf("=") + 1)]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? "" : String(v)]));
}
