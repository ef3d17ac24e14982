import { webcrypto } from "node:crypto";

const imported = new WeakMap<Uint8Array, Promise<webcrypto.CryptoKey>>();

/**
 * The HS256 key for jose, imported once per secret: given raw bytes, jose imports a WebCrypto key on
 * every sign and verify — about a third of its cost per call, in a CPU profile.
 */
export function hmacKey(secret: Uint8Array): Promise<webcrypto.CryptoKey> {
  let key = imported.get(secret);
  if (!key) {
    key = webcrypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    imported.set(secret, key);
  }
  return key;
}
