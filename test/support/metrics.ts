// Reading a service's Prometheus metrics in tests: its port from its logs, a scrape, one sample.
import { expect } from "vitest";
import type { ServiceProcess } from "./processes.js";

export function metricsPort(service: ServiceProcess): number {
  for (const line of service.logs) {
    const match = /"metrics_port":(\d+)/.exec(line);
    if (match && Number(match[1]) > 0) return Number(match[1]);
  }
  throw new Error(`${service.name} logged no metrics port`);
}

export async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

/** The sum over the series of `name` whose labels contain every given label; undefined when none. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const [series, value] = line.split(/ (?=[^ ]+$)/);
    if (series!.split("{")[0] !== name) continue;
    if (Object.entries(labels).every(([k, v]) => series!.includes(`${k}="${v}"`))) total = (total ?? 0) + Number(value);
  }
  return total;
}
