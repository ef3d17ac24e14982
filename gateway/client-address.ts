import { BlockList, isIP } from "node:net";

/** The proxies (`CREDIT_TRUSTED_PROXIES`, CIDRs) whose `X-Forwarded-For` entries are believed. */
export type TrustedProxies = Readonly<{ contains(address: string): boolean }>;

/** The CIDRs (or single addresses) as a matcher; the config has already checked each one. */
export function trustedProxiesOf(cidrs: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network, bits] = cidr.split("/") as [string, string | undefined];
    const family = isIP(network) === 6 ? "ipv6" : "ipv4";
    list.addSubnet(network, bits === undefined ? (family === "ipv6" ? 128 : 32) : Number(bits), family);
  }
  return {
    contains(address) {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
    },
  };
}

/** An address as written in a socket or a forwarding header, without port, brackets or IPv4-in-IPv6 wrapping; null when it is none. */
export function normalizeAddress(raw: string): string | null {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (address.toLowerCase().startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) === 0 ? null : address.toLowerCase();
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy — then `X-Forwarded-For` is read
 * from the right, past every trusted hop, and the first hop that is not trusted is the client. Entries left of it
 * were written by the client itself and are never believed (so a spoofed header buys no new budget); an entry that
 * is no address stops the walk at the last trusted hop.
 */
export function clientAddressOf(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string | null {
  let client = peer === undefined ? null : normalizeAddress(peer);
  if (client === null || !trusted.contains(client) || forwardedFor === undefined) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = normalizeAddress(hops[index]!);
    if (hop === null) return client;
    client = hop;
    if (!trusted.contains(hop)) return hop;
  }
  return client;
}

/**
 * The budget key of the network a client address belongs to: an IPv4 address itself, an IPv6 address's /64
 * (one customer's subnet: a host picks any of its 2^64 addresses at will, so a per-address budget of IPv6 is
 * none). `address:unknown` when there is no address. Per-person budgets charge it beside the caller's actor.
 */
export function networkKeyOf(address: string | null): string {
  if (address === null) return "address:unknown";
  if (isIP(address) !== 6) return `address:${address}`;
  const groups = expandIpv6(address);
  return `network:${groups.slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, lower-case hex without leading zeros (an embedded IPv4 tail included). */
function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? (text.split("::") as [string, string]) : [text, undefined];
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const middle = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => "0");
  return [...left, ...middle, ...right].map((group) => Number.parseInt(group, 16).toString(16));
}
