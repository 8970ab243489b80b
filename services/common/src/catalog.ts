// The model catalog is data: one JSON file per catalog under catalogs/, validated when loaded.
// Prices are written as humans publish them (USD per 1M tokens) and turned into integer nano-USD
// per token here, once.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.js";
import { REPO_ROOT } from "./repo-root.js";
import { perMillionToNanoPerToken, type NanoPrice } from "./money.js";

export const CATALOG_DIR = join(REPO_ROOT, "catalogs");

export const TIERS = ["budget", "standard", "premium", "specialized"] as const;
export type Tier = (typeof TIERS)[number];

const priceSchema = z.object({
  input: z.number().nonnegative(),
  cached_input: z.number().nonnegative().optional(),
  output: z.number().nonnegative(),
  cache_write: z.number().nonnegative().optional(),
}).strict();

const modelSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/:-]*$/, "model ids are letters, digits and . _ / : -"),
  provider: z.string().min(1),
  upstream_model: z.string().min(1),
  tier: z.enum(TIERS),
  price_per_million: priceSchema,
  context_window: z.number().int().positive(),
  max_output_tokens: z.number().int().positive(),
  capabilities: z.array(z.string()).default([]),
  description: z.string().default(""),
}).strict();

const catalogSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(""),
  models: z.array(modelSchema).min(1),
}).strict();

export type CatalogModelSpec = z.infer<typeof modelSchema>;

export interface CatalogModel extends Omit<CatalogModelSpec, "price_per_million"> {
  price: NanoPrice;
  pricePerMillion: CatalogModelSpec["price_per_million"];
}

export interface Catalog {
  name: string;
  description: string;
  models: CatalogModel[];
  get(id: string): CatalogModel | undefined;
}

function toModel(spec: CatalogModelSpec): CatalogModel {
  const p = spec.price_per_million;
  const { price_per_million: _ignored, ...rest } = spec;
  return {
    ...rest,
    pricePerMillion: p,
    price: {
      input_nanousd_per_token: perMillionToNanoPerToken(p.input),
      cached_input_nanousd_per_token: perMillionToNanoPerToken(p.cached_input ?? p.input),
      output_nanousd_per_token: perMillionToNanoPerToken(p.output),
      cache_write_nanousd_per_token: perMillionToNanoPerToken(p.cache_write ?? p.input),
    },
  };
}

export function parseCatalog(data: unknown, origin: string): Catalog {
  const parsed = catalogSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new ConfigError(`catalog ${origin} is invalid:\n${problems}`);
  }
  const seen = new Set<string>();
  const models = parsed.data.models.map((spec) => {
    if (seen.has(spec.id)) throw new ConfigError(`catalog ${origin}: model id ${spec.id} appears twice`);
    seen.add(spec.id);
    try {
      return toModel(spec);
    } catch (cause) {
      throw new ConfigError(`catalog ${origin}: model ${spec.id}: ${(cause as Error).message}`, { cause });
    }
  });
  const byId = new Map(models.map((m) => [m.id, m]));
  return { name: parsed.data.name, description: parsed.data.description, models, get: (id) => byId.get(id) };
}

/** `nameOrPath` is a shipped catalog name (a file in catalogs/) or a path to a JSON file. */
export function loadCatalog(nameOrPath: string): Catalog {
  const shipped = `${CATALOG_DIR}/${nameOrPath}.json`;
  const file = existsSync(shipped) ? shipped : nameOrPath;
  if (!existsSync(file)) {
    throw new ConfigError(`catalog '${nameOrPath}' is neither a shipped catalog (catalogs/*.json) nor a file`);
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new ConfigError(`catalog ${file} is not valid JSON`, { cause });
  }
  return parseCatalog(data, file);
}
