// Reads driver values into JS numbers. pg returns BIGINT and NUMERIC as strings, PGlite returns
// BIGINT as number; amounts above 2^53 nano-USD (~$9M) cannot be a safe JS number, so such a
// value is refused loudly instead of being rounded.
export class SqlValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SqlValueError";
  }
}

export function toInt(value: unknown, column: string): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === "number" ? value : typeof value === "bigint" || typeof value === "string" ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new SqlValueError(`column ${column} holds ${String(value)}, not a safe integer`);
  return n;
}

export function toOptionalInt(value: unknown, column: string): number | undefined {
  return value === null || value === undefined ? undefined : toInt(value, column);
}
