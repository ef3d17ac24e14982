import { describe, expect, it } from "vitest";
import { clientAddressOf, networkKeyOf, normalizeAddress, trustedProxiesOf } from "./client-address";

const proxies = trustedProxiesOf(["10.0.0.0/8", "fd00::/8", "192.168.1.10"]);

describe("the client address from the peer and X-Forwarded-For", () => {
  it("believes the header only when the peer is a trusted proxy", () => {
    expect(clientAddressOf("203.0.113.9", "198.51.100.1", proxies)).toBe("203.0.113.9");
    expect(clientAddressOf("::ffff:10.1.2.3", "198.51.100.1", proxies)).toBe("198.51.100.1");
    expect(clientAddressOf("10.1.2.3", undefined, proxies)).toBe("10.1.2.3");
  });

  it("takes the rightmost hop that is not trusted, whatever the client wrote to its left", () => {
    expect(clientAddressOf("10.1.2.3", "1.1.1.1, 2.2.2.2, 198.51.100.1, 192.168.1.10", proxies)).toBe(
      "198.51.100.1",
    );
    expect(clientAddressOf("10.1.2.3", ["1.1.1.1", "198.51.100.1:4711"], proxies)).toBe("198.51.100.1");
    expect(clientAddressOf("fd00::1", "[2001:db8::7]:443", proxies)).toBe("2001:db8::7");
  });

  it("stops at the last trusted hop when an entry is no address, and when every hop is trusted takes the leftmost", () => {
    expect(clientAddressOf("10.1.2.3", "198.51.100.1, unknown", proxies)).toBe("10.1.2.3");
    expect(clientAddressOf("10.1.2.3", "10.0.0.5, 192.168.1.10", proxies)).toBe("10.0.0.5");
  });

  it("normalizes what sockets and proxies write", () => {
    expect(normalizeAddress("::FFFF:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress(" 198.51.100.1:80 ")).toBe("198.51.100.1");
    expect(normalizeAddress("not-an-address")).toBeNull();
  });
});

describe("the network a per-person budget charges", () => {
  it("is an IPv4 address itself, and an IPv6 address's /64 however it is written", () => {
    expect(networkKeyOf("198.51.100.7")).toBe("address:198.51.100.7");
    expect(networkKeyOf(null)).toBe("address:unknown");
    const sameSubnet = [
      "2001:db8:5:6::1",
      "2001:0db8:0005:0006:ffff:ffff:ffff:ffff",
      "2001:db8:5:6:0:0:0:0",
      "2001:db8:5:6:1:2:3.4.5.6",
    ];
    expect(new Set(sameSubnet.map(networkKeyOf))).toEqual(new Set(["network:2001:db8:5:6::/64"]));
    expect(networkKeyOf("2001:db8:5:7::1")).toBe("network:2001:db8:5:7::/64");
    expect(networkKeyOf("::1")).toBe("network:0:0:0:0::/64");
    expect(networkKeyOf("fe80::1")).toBe("network:fe80:0:0:0::/64");
  });
});
