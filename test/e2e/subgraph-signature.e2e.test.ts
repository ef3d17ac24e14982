import type { KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSubgraph } from "../../app/subgraph";
import { gatewaySettings, startGateway } from "../../gateway/server";
import { SUPERGRAPH_FILE, SUBGRAPH_NAMES, type SubgraphName } from "../../platform/supergraph-config";
import { createLogger } from "../../platform/logger";
import {
  generateSubgraphKeyPair,
  hashOperation,
  SIGNATURE_HEADER,
  signSubgraphRequest,
} from "../../platform/subgraph-signature";
import type { Viewer } from "../../platform/viewer";
import type { RunningSubgraph } from "../../subgraphs/shared/server";
import { errorCodes, startTestFederation, type GraphQLResult, type TestFederation } from "../harness";
import { signaturesFromJwtSecret } from "../jwt-secret-forgeries";

let federation: TestFederation;
let signingKey: KeyObject;
beforeAll(async () => {
  // The signature travels only between processes: the HTTP shape.
  federation = await startTestFederation({ seed: "demo", shape: "http" });
  signingKey = federation.subgraphSigningKey;
});
afterAll(async () => federation?.stop());

const CREDIT_CENTER: Viewer = {
  role: "CREDIT_CENTER",
  actor: "cc-1",
  org: "HA-CREDIT",
  subject: null,
  purpose: null,
};
const PROBES = {
  service: { query: "{ _service { sdl } }" },
  entities: {
    query:
      "query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }",
    variables: { representations: [{ __typename: "Subject", id: "00000000-0000-4000-8000-000000000000" }] },
  },
} as const;

type Probe = { query: string; variables?: Record<string, unknown> };

async function post(
  name: SubgraphName,
  probe: Probe,
  signature?: string,
  url = federation.subgraphUrl(name),
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== undefined) headers[SIGNATURE_HEADER] = signature;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(probe) });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> },
  };
}

function expectRefused(result: Awaited<ReturnType<typeof post>>) {
  expect(result.status).toBe(401);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
}

const sign = (name: string, probe: Probe, viewer: Viewer = CREDIT_CENTER, key: KeyObject = signingKey) =>
  signSubgraphRequest(key, { viewer, requestId: "test", caller: "test" }, name, {
    query: probe.query,
    operationName: null,
    variables: probe.variables ?? null,
  });

describe.each(SUBGRAPH_NAMES)("subgraph %s refuses what did not come from the gateway", (name) => {
  it.each(Object.entries(PROBES))("%s with no signature", async (_label, probe) => {
    expectRefused(await post(name, probe));
  });

  it.each(Object.entries(PROBES))(
    "%s signed with an Ed25519 key the subgraph does not know",
    async (_label, probe) => {
      expectRefused(
        await post(name, probe, sign(name, probe, CREDIT_CENTER, generateSubgraphKeyPair().privateKey)),
      );
    },
  );

  it.each(Object.entries(PROBES))(
    "%s signed with any key derived from CREDIT_JWT_SECRET",
    async (_label, probe) => {
      const operation = {
        query: probe.query,
        operationName: null,
        variables: "variables" in probe ? probe.variables : null,
      };
      for (const { label, signature } of signaturesFromJwtSecret(
        federation.jwtSecret,
        CREDIT_CENTER,
        name,
        operation,
      )) {
        const result = await post(name, probe, signature);
        expect(result.status, label).toBe(401);
        expectRefused(result);
      }
    },
  );

  it("a bearer token in place of the signature", async () => {
    expectRefused(
      await post(name, PROBES.service, await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" })),
    );
  });

  it("a signature for another subgraph (wrong audience)", async () => {
    const other = name === "subjects" ? "records" : "subjects";
    expectRefused(await post(name, PROBES.service, sign(other, PROBES.service)));
  });

  it("a signature over another operation", async () => {
    const signedForService = sign(name, PROBES.service);
    expectRefused(await post(name, PROBES.entities, signedForService));
  });

  it("an expired signature", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({
      viewer: CREDIT_CENTER,
      rid: "old",
      op: hashOperation({ query: PROBES.service.query }),
    })
      .setProtectedHeader({ alg: "EdDSA", typ: "credit-subgraph+jwt" })
      .setIssuer("credit-federation-gateway")
      .setAudience(name)
      .setIssuedAt(now - 120)
      .setExpirationTime(now - 60)
      .setJti(crypto.randomUUID())
      .sign(signingKey);
    expectRefused(await post(name, PROBES.service, expired));
  });

  it("accepts a genuine gateway signature once, and refuses its replay", async () => {
    const signature = sign(name, PROBES.service);
    const first = await post(name, PROBES.service, signature);
    expect(first.status).toBe(200);
    expect(first.body.data).toBeDefined();
    expectRefused(await post(name, PROBES.service, signature));
  });
});

describe("_entities through a signature applies the signed viewer's policy", () => {
  const publicViewer: Viewer = { role: "PUBLIC", actor: null, org: null, subject: null, purpose: null };
  const auditor: Viewer = { role: "AUDITOR", actor: "auditor", org: null, subject: null, purpose: null };
  const entities = async (
    name: SubgraphName,
    typename: string,
    id: string,
    selection: string,
    viewer: Viewer,
  ) => {
    const probe = {
      query: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`,
      variables: { representations: [{ __typename: typename, id }] },
    };
    return post(name, probe, sign(name, probe, viewer));
  };

  it("an expired list entry resolves to nothing for PUBLIC, and to the entry for the credit centre", async () => {
    const expired = await federation.connection.db
      .selectFrom("list_entries")
      .select("id")
      .where("valid_until", "<", federation.today())
      .executeTakeFirstOrThrow();
    expect((await entities("lists", "ListEntry", expired.id, "id facts", publicViewer)).body.data).toEqual({
      _entities: [null],
    });
    expect((await entities("lists", "ListEntry", expired.id, "id", CREDIT_CENTER)).body.data).toEqual({
      _entities: [{ id: expired.id }],
    });
  });

  it("a subject resolves to nothing for an AUDITOR (no subject data)", async () => {
    const subject = await federation.connection.db
      .selectFrom("subjects")
      .select("id")
      .executeTakeFirstOrThrow();
    expect((await entities("subjects", "Subject", subject.id, "id name", auditor)).body.data).toEqual({
      _entities: [null],
    });
    expect((await entities("subjects", "Subject", subject.id, "id", publicViewer)).body.data).toEqual({
      _entities: [{ id: subject.id }],
    });
  });

  it("an objection resolves to nothing for PUBLIC and for another subject", async () => {
    const subject = await federation.connection.db
      .selectFrom("subjects")
      .select(["id", "identifier"])
      .executeTakeFirstOrThrow();
    const { id } = await federation.connection.db
      .insertInto("objections")
      .values({
        subject_id: subject.id,
        subject_identifier: subject.identifier,
        target_id: subject.id,
        target_type: "CREDIT_RECORD",
        provider: "X",
        ground: "WRONG_OR_INCOMPLETE",
        statement: "x",
        state: "SUBMITTED",
        filed_on: "2026-11-20",
        state_changed_on: "2026-11-20",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const stranger: Viewer = {
      role: "SUBJECT",
      actor: "s",
      org: null,
      subject: "11010519491231002X",
      purpose: null,
    };
    const owner: Viewer = { ...stranger, subject: subject.identifier };
    expect((await entities("repair", "Objection", id, "id statement", publicViewer)).body.data).toEqual({
      _entities: [null],
    });
    expect((await entities("repair", "Objection", id, "id statement", stranger)).body.data).toEqual({
      _entities: [null],
    });
    expect((await entities("repair", "Objection", id, "id", owner)).body.data).toEqual({
      _entities: [{ id }],
    });
  });

  it("a PUBLIC viewer resolving a GOVERNMENT-tier record gets nothing of it", async () => {
    const hidden = await federation.connection.db
      .selectFrom("credit_records")
      .select("id")
      .where("tier", "=", "GOVERNMENT")
      .executeTakeFirstOrThrow();
    const probe = {
      query:
        "query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CreditRecord { id title tier } } }",
      variables: { representations: [{ __typename: "CreditRecord", id: hidden.id }] },
    };
    const publicViewer: Viewer = { role: "PUBLIC", actor: null, org: null, subject: null, purpose: null };
    const asPublic = await post("records", probe, sign("records", probe, publicViewer));
    expect(asPublic.status).toBe(200);
    expect(asPublic.body.data).toEqual({ _entities: [null] });
    const asCentre = await post("records", probe, sign("records", probe));
    expect(asCentre.body.data).toEqual({
      _entities: [expect.objectContaining({ id: hidden.id, tier: "GOVERNMENT" })],
    });
  });
});

describe("rotating the gateway's key: new public key to the subgraphs, new private key to the gateway, old public key removed", () => {
  const old = generateSubgraphKeyPair();
  const next = generateSubgraphKeyPair();
  const running: RunningSubgraph[] = [];
  afterAll(async () => Promise.all(running.map((subgraph) => subgraph.stop())));

  const startSubgraphs = async (verifyKeys: readonly KeyObject[]) => {
    const { config, connection, calendar } = federation;
    const started = await Promise.all(
      SUBGRAPH_NAMES.map((name) =>
        startSubgraph(
          name,
          { config, db: connection.db, verifyKeys, calendar, logger: createLogger(config) },
          0,
          "127.0.0.1",
        ),
      ),
    );
    running.push(...started);
    return new Map(started.map((subgraph) => [subgraph.name as SubgraphName, subgraph]));
  };

  const lookUpThroughGateway = async (
    subgraphs: Map<SubgraphName, RunningSubgraph>,
    key: KeyObject,
  ): Promise<GraphQLResult> => {
    const { config, connection, jwtSecret } = federation;
    const gateway = await startGateway(
      {
        supergraphSdl: await readFile(SUPERGRAPH_FILE, "utf8"),
        subgraphUrls: Object.fromEntries([...subgraphs].map(([name, subgraph]) => [name, subgraph.url])),
        db: connection.db,
        jwtSecret,
        signingKey: key,
        logger: createLogger(config),
        ...gatewaySettings(config),
      },
      0,
      "127.0.0.1",
    );
    try {
      const token = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
      const response = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `{ subject(identifier: "91320802MA1000000F") { name records { title } listEntries { list } } measures(list: BLACK) { code } }`,
        }),
      });
      return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
    } finally {
      await gateway.stop();
    }
  };

  const expectAnswered = (result: GraphQLResult) => {
    expect(errorCodes(result)).toEqual([]);
    expect((result.data as { subject: { records: unknown[] } }).subject.records.length).toBeGreaterThan(0);
  };

  it("accepts either key while both public keys are configured, and only the new one after the old is removed", async () => {
    const during = await startSubgraphs([old.publicKey, next.publicKey]);
    for (const name of SUBGRAPH_NAMES) {
      for (const key of [old.privateKey, next.privateKey]) {
        const accepted = await post(
          name,
          PROBES.service,
          sign(name, PROBES.service, CREDIT_CENTER, key),
          during.get(name)!.url,
        );
        expect(accepted.status).toBe(200);
      }
    }
    for (const key of [old.privateKey, next.privateKey])
      expectAnswered(await lookUpThroughGateway(during, key));

    const after = await startSubgraphs([next.publicKey]);
    for (const name of SUBGRAPH_NAMES) {
      expectRefused(
        await post(
          name,
          PROBES.service,
          sign(name, PROBES.service, CREDIT_CENTER, old.privateKey),
          after.get(name)!.url,
        ),
      );
      expect(
        (
          await post(
            name,
            PROBES.service,
            sign(name, PROBES.service, CREDIT_CENTER, next.privateKey),
            after.get(name)!.url,
          )
        ).status,
      ).toBe(200);
    }
    expectAnswered(await lookUpThroughGateway(after, next.privateKey));
    const refused = await lookUpThroughGateway(after, old.privateKey);
    expect(refused.data).toBeNull();
    expect(errorCodes(refused)).toContain("UNAUTHENTICATED");
  }, 60_000);
});
