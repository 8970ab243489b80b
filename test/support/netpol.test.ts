// The NetworkPolicy evaluator (netpol.ts) on policies small enough to reason about by hand.
import { describe, expect, it } from "vitest";
import type { Resource } from "./kustomize.js";
import { connectionAllowed, egressAllowed, inCidr, ingressAllowed, selects } from "./netpol.js";

const policy = (name: string, spec: Record<string, unknown>, namespace = "ns"): Resource => ({
  apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec,
});
const pod = (app: string, namespace = "ns") => ({ namespace, labels: { app } });

describe("NetworkPolicy evaluator", () => {
  it("leaves pods that no policy selects open, and closes selected ones to everything not allowed", () => {
    const policies = [policy("deny-db", { podSelector: { matchLabels: { app: "db" } }, policyTypes: ["Ingress"] })];
    expect(ingressAllowed(policies, pod("web"), { pod: pod("x") }, 80)).toBe(true);
    expect(ingressAllowed(policies, pod("db"), { pod: pod("web") }, 5432)).toBe(false);
    // only the ingress direction is isolated
    expect(egressAllowed(policies, pod("db"), { ip: "8.8.8.8" }, 53, "UDP")).toBe(true);
  });

  it("matches peers by pod labels in the policy's namespace unless a namespace selector says otherwise", () => {
    const policies = [policy("db", {
      podSelector: { matchLabels: { app: "db" } },
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: 5432 }] },
        { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ops" } } }], ports: [{ port: 9187, protocol: "TCP" }] },
      ],
    })];
    expect(ingressAllowed(policies, pod("db"), { pod: pod("web") }, 5432)).toBe(true);
    expect(ingressAllowed(policies, pod("db"), { pod: pod("web", "other") }, 5432)).toBe(false);
    expect(ingressAllowed(policies, pod("db"), { pod: pod("web") }, 5433)).toBe(false);
    expect(ingressAllowed(policies, pod("db"), { pod: pod("web") }, 5432, "UDP")).toBe(false);
    expect(ingressAllowed(policies, pod("db"), { pod: pod("anything", "ops") }, 9187)).toBe(true);
    expect(ingressAllowed(policies, pod("db"), { pod: pod("anything", "ops") }, 5432)).toBe(false);
    expect(ingressAllowed(policies, pod("db"), { ip: "203.0.113.9" }, 5432)).toBe(false);
  });

  it("treats a rule without peers as every peer and one without ports as every port", () => {
    const policies = [policy("open", { podSelector: {}, ingress: [{ ports: [{ port: 443 }] }, { from: [{ podSelector: { matchLabels: { app: "admin" } } }] }] })];
    expect(ingressAllowed(policies, pod("web"), { ip: "198.51.100.1" }, 443)).toBe(true);
    expect(ingressAllowed(policies, pod("web"), { ip: "198.51.100.1" }, 22)).toBe(false);
    expect(ingressAllowed(policies, pod("web"), { pod: pod("admin") }, 22)).toBe(true);
  });

  it("matches ipBlocks with their exceptions, and never pods", () => {
    const policies = [policy("egress", {
      podSelector: { matchLabels: { app: "worker" } }, policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ port: 443 }] }],
    })];
    expect(egressAllowed(policies, pod("worker"), { ip: "93.184.216.34" }, 443)).toBe(true);
    expect(egressAllowed(policies, pod("worker"), { ip: "10.3.2.1" }, 443)).toBe(false);
    expect(egressAllowed(policies, pod("worker"), { pod: pod("web") }, 443)).toBe(false);
    expect(inCidr("172.16.5.4", "172.16.0.0/12")).toBe(true);
    expect(inCidr("172.32.0.1", "172.16.0.0/12")).toBe(false);
  });

  it("needs both the client's egress and the server's ingress for a connection", () => {
    const policies = [
      policy("server", { podSelector: { matchLabels: { app: "api" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }] }] }),
      policy("client", { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Egress"], egress: [] }),
    ];
    expect(ingressAllowed(policies, pod("api"), { pod: pod("web") }, 80)).toBe(true);
    expect(connectionAllowed(policies, pod("web"), pod("api"), 80)).toBe(false);
  });

  it("evaluates label selector expressions", () => {
    const labels = { tier: "backend", env: "prod" };
    expect(selects({ matchExpressions: [{ key: "tier", operator: "In", values: ["backend", "db"] }] }, labels)).toBe(true);
    expect(selects({ matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] }, labels)).toBe(false);
    expect(selects({ matchExpressions: [{ key: "zone", operator: "DoesNotExist" }] }, labels)).toBe(true);
    expect(selects({ matchExpressions: [{ key: "zone", operator: "Exists" }] }, labels)).toBe(false);
  });
});
