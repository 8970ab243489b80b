// Configuration is read once, at start-up, from the environment and validated with zod. A bad
// value stops the process with one message that names every offending variable.
import { z } from "zod";
import { ConfigError } from "./errors.js";

export function parseConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${problems.join("\n")}`);
}

/** An optional environment variable: empty strings count as unset. */
export const optionalString = z.string().optional().transform((v) => (v === undefined || v === "" ? undefined : v));

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const booleanFlag = (fallback: boolean) =>
  z.enum(["1", "0", "true", "false", "yes", "no", ""]).default(fallback ? "1" : "0")
    .transform((v) => v === "1" || v === "true" || v === "yes");

/** Runs main, turning a configuration error into a one-line message and exit code 2. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    let text = error instanceof Error ? error.stack ?? error.message : String(error);
    for (let cause = (error as Error)?.cause; cause; cause = (cause as Error).cause) {
      text += `\ncaused by: ${cause instanceof Error ? cause.message : String(cause)}`;
    }
    process.stderr.write(`fatal: ${text}\n`);
    process.exit(1);
  });
}
