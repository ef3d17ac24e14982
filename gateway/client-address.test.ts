import { describe, expect, it } from "vitest";
import { clientAddressOf, normalizeAddress, trustedProxiesOf } from "./client-address";

const proxies = trustedProxiesOf(["10.0.0.0/8", "fd00::/8", "192.168.1.10"]);

describe("the client address from the peer and X-Forwarded-For", () => {
  it("believes the header only when the peer is a trusted proxy", () => {
    expect(clientAddressOf("203.0.113.9", "198.51.100.1", proxies)).toBe("203.0.113.9");
    expect(clientAddressOf("::ffff:10.1.2.3", "198.51.100.1", proxies)).toBe("198.51.100.1");
    expect(clientAddressOf("10.1.2.3", undefined, proxies)).toBe("10.1.2.3");
  });

  it("takes the rightmost hop that is not trusted, whatever the client wrote to its left", () => {
    expect(clientAddressOf("10.1.2.3", "1.1.1.1, 2.2.2.2, 198.51.100.1, 192.168.1.10", proxies)).toBe("198.51.100.1");
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
