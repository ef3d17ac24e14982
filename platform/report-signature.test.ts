import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  reportKeyId,
  signReportContent,
  signReportFile,
  verifyReportContent,
  verifyReportFile,
} from "./report-signature";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Title (信用报告) >> endobj\ntrailer << >>\n%%EOF\n", "utf8");

describe("report signatures", () => {
  it("canonical JSON sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: [2, { d: 1, c: null }], a: "信" })).toBe('{"a":"信","b":[2,{"c":null,"d":1}]}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it("verifies content whatever its key order, and not changed content", () => {
    const signature = signReportContent(privateKey, { a: 1, b: "x" });
    expect(verifyReportContent(publicKey, { b: "x", a: 1 }, signature)).toBe(true);
    expect(verifyReportContent(publicKey, { b: "y", a: 1 }, signature)).toBe(false);
    expect(verifyReportContent(publicKey, { a: 1, b: "x" }, "not-a-signature")).toBe(false);
  });

  it("fails the file when any single byte changes, the signature line included", () => {
    const signed = signReportFile(privateKey, PDF);
    expect(verifyReportFile(publicKey, signed)).toMatchObject({
      genuine: true,
      keyId: reportKeyId(publicKey),
    });
    for (let offset = 0; offset < signed.length; offset++) {
      const tampered = Buffer.from(signed);
      tampered[offset] = tampered[offset]! ^ 0x20;
      expect(verifyReportFile(publicKey, tampered).genuine, `byte ${offset}`).toBe(false);
    }
    expect(verifyReportFile(publicKey, Buffer.concat([signed, Buffer.from("x")])).genuine).toBe(false);
    expect(verifyReportFile(publicKey, PDF).genuine).toBe(false);
  });

  it("fails a file signed with another key", () => {
    const other = generateKeyPairSync("ed25519");
    expect(verifyReportFile(publicKey, signReportFile(other.privateKey, PDF))).toMatchObject({
      genuine: false,
    });
  });
});
