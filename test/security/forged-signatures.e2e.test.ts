import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  generateSubgraphKeyPair,
  hashOperation,
  SIGNATURE_HEADER,
  signSubgraphRequest,
} from "../../platform/subgraph-signature";
import type { Viewer } from "../../platform/viewer";
import { SUBGRAPH_NAMES } from "../../platform/supergraph-config";
import { startTestFederation, type TestFederation } from "../harness";
import { signaturesFromJwtSecret } from "../jwt-secret-forgeries";
import { sizedForLoad } from "../load";

/**
 * Hostile signatures per subgraph (200; 1,000 under `npm run test:load`, which CI runs) — by unknown Ed25519 keys or keys made from the bearer-token
 * secret, replayed, expired, wrong audience — on `_entities` and `_service`: none answered.
 */
const FORGERIES = sizedForLoad(200, 1_000);
let federation: TestFederation;
beforeAll(async () => {
  // Forges requests to the subgraphs' own endpoints: only the HTTP shape has them.
  federation = await startTestFederation({ shape: "http" });
});
afterAll(async () => federation?.stop());

const VIEWER: Viewer = { role: "CREDIT_CENTER", actor: "x", org: "HA-CREDIT", subject: null, purpose: null };
const PROBES = [
  { query: "{ _service { sdl } }" },
  {
    query: "query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
    variables: { r: [{ __typename: "Subject", id: randomUUID() }] },
  },
];

describe.each(SUBGRAPH_NAMES)("subgraph %s", (name) => {
  it(`answers none of ${FORGERIES} forged, replayed, expired and wrong-audience signatures`, async () => {
    const key = federation.subgraphSigningKey;
    const genuine = signSubgraphRequest(key, { viewer: VIEWER, requestId: "r", caller: "test" }, name, {
      query: PROBES[0]!.query,
    });
    const first = await fetch(federation.subgraphUrl(name), {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: genuine },
      body: JSON.stringify(PROBES[0]),
    });
    expect(first.status).toBe(200);
    const hostile = async (index: number): Promise<{ signature: string; probe: (typeof PROBES)[number] }> => {
      const probe = PROBES[index % 2]!;
      const operation = {
        query: probe.query,
        variables: (probe as { variables?: Record<string, unknown> }).variables ?? null,
      };
      switch (index % 4) {
        case 0: {
          if (index % 8 === 0)
            return {
              probe,
              signature: signSubgraphRequest(
                generateSubgraphKeyPair().privateKey,
                { viewer: VIEWER, requestId: "f", caller: "test" },
                name,
                operation,
              ),
            };
          const forgeries = signaturesFromJwtSecret(federation.jwtSecret, VIEWER, name, operation);
          return { probe, signature: forgeries[(index >> 3) % forgeries.length]!.signature };
        }
        case 1:
          return { probe: PROBES[0]!, signature: genuine };
        case 2: {
          const now = Math.floor(Date.now() / 1000);
          const expired = await new SignJWT({ viewer: VIEWER, rid: "e", op: hashOperation(operation) })
            .setProtectedHeader({ alg: "EdDSA", typ: "credit-subgraph+jwt" })
            .setIssuer("credit-federation-gateway")
            .setAudience(name)
            .setIssuedAt(now - 100)
            .setExpirationTime(now - 40 - (index % 50))
            .setJti(randomUUID())
            .sign(key);
          return { probe, signature: expired };
        }
        default:
          return {
            probe,
            signature: signSubgraphRequest(
              key,
              { viewer: VIEWER, requestId: "w", caller: "test" },
              name === "audit" ? "subjects" : "audit",
              operation,
            ),
          };
      }
    };
    let answered = 0;
    for (let start = 0; start < FORGERIES; start += 50) {
      const statuses = await Promise.all(
        Array.from({ length: 50 }, async (_, offset) => {
          const { signature, probe } = await hostile(start + offset);
          const response = await fetch(federation.subgraphUrl(name), {
            method: "POST",
            headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature },
            body: JSON.stringify(probe),
          });
          const body = (await response.json()) as { data?: unknown };
          return response.status === 200 || body.data !== undefined;
        }),
      );
      answered += statuses.filter(Boolean).length;
    }
    expect(answered).toBe(0);
  }, 60_000);
});
