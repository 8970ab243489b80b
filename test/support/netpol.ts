// Evaluates Kubernetes NetworkPolicies for one connection, following the API's semantics: a pod
// selected by no policy of a direction is open in that direction; a selected pod admits a
// connection only when some rule of some selecting policy matches both the peer and the port.
// Peers are pods (with their namespace's labels) or addresses outside the cluster; ipBlock rules
// match only the latter, since how they treat pod addresses differs between network plugins.
import type { Resource } from "./kustomize.js";

export interface PodRef { namespace: string; labels: Record<string, string>; namespaceLabels?: Record<string, string> }
export type Peer = { pod: PodRef } | { ip: string };

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }>;
}

export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const inValues = has && (e.values ?? []).includes(labels[e.key]!);
    if (e.operator === "In" && !inValues) return false;
    if (e.operator === "NotIn" && inValues) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

function ipv4(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** IPv4 CIDR membership; an IPv6 block never contains an IPv4 address and the tests use IPv4 peers. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split("/");
  const addr = ipv4(ip);
  const net = ipv4(base ?? "");
  if (addr === undefined || net === undefined) return false;
  const prefix = Number(bits);
  if (prefix === 0) return true;
  const size = 2 ** (32 - prefix);
  return Math.floor(addr / size) === Math.floor(net / size);
}

const namespaceLabels = (pod: PodRef) => ({ "kubernetes.io/metadata.name": pod.namespace, ...(pod.namespaceLabels ?? {}) });

function peerMatches(rulePeer: Record<string, any>, peer: Peer, policyNamespace: string): boolean {
  if (rulePeer.ipBlock) {
    if (!("ip" in peer)) return false;
    return inCidr(peer.ip, rulePeer.ipBlock.cidr) && !(rulePeer.ipBlock.except ?? []).some((c: string) => inCidr(peer.ip, c));
  }
  if (!("pod" in peer)) return false;
  const nsOk = rulePeer.namespaceSelector
    ? selects(rulePeer.namespaceSelector, namespaceLabels(peer.pod))
    : peer.pod.namespace === policyNamespace;
  return nsOk && selects(rulePeer.podSelector, peer.pod.labels);
}

function portMatches(rulePorts: Array<Record<string, any>> | undefined, port: number, protocol: string): boolean {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((p) => {
    if ((p.protocol ?? "TCP") !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port !== "number") throw new Error(`named port ${p.port}: this evaluator needs numbers`);
    return p.endPort === undefined ? p.port === port : port >= p.port && port <= p.endPort;
  });
}

function appliesTo(policy: Resource, pod: PodRef, direction: "Ingress" | "Egress"): boolean {
  if ((policy.metadata.namespace ?? "default") !== pod.namespace) return false;
  if (!selects(policy.spec?.podSelector, pod.labels)) return false;
  const types: string[] = policy.spec?.policyTypes ?? (policy.spec?.egress ? ["Ingress", "Egress"] : ["Ingress"]);
  return types.includes(direction);
}

function allowed(policies: Resource[], pod: PodRef, peer: Peer, port: number, protocol: string, direction: "Ingress" | "Egress"): boolean {
  const selecting = policies.filter((p) => p.kind === "NetworkPolicy" && appliesTo(p, pod, direction));
  if (selecting.length === 0) return true;
  return selecting.some((policy) => {
    const rules: Array<Record<string, any>> = (direction === "Ingress" ? policy.spec?.ingress : policy.spec?.egress) ?? [];
    return rules.some((rule) => {
      const peers: Array<Record<string, any>> | undefined = direction === "Ingress" ? rule.from : rule.to;
      const peerOk = !peers || peers.length === 0 || peers.some((p) => peerMatches(p, peer, policy.metadata.namespace ?? "default"));
      return peerOk && portMatches(rule.ports, port, protocol);
    });
  });
}

/** Whether `to` accepts a connection from `from` on port/protocol. (Egress of a `from` pod is a separate question.) */
export const ingressAllowed = (policies: Resource[], to: PodRef, from: Peer, port: number, protocol = "TCP") =>
  allowed(policies, to, from, port, protocol, "Ingress");

/** Whether `from` may open a connection to `to` on port/protocol. */
export const egressAllowed = (policies: Resource[], from: PodRef, to: Peer, port: number, protocol = "TCP") =>
  allowed(policies, from, to, port, protocol, "Egress");

/** A full connection between two pods: the client's egress and the server's ingress. */
export const connectionAllowed = (policies: Resource[], from: PodRef, to: PodRef, port: number, protocol = "TCP") =>
  egressAllowed(policies, from, { pod: to }, port, protocol) && ingressAllowed(policies, to, { pod: from }, port, protocol);
