import "reflect-metadata";
import { randomUUID } from "node:crypto";
import type { Connection } from "../db/connection";
import { seedDemoData } from "../db/seed/demo";
import { chinaDateOf } from "../domain/dates";
import type { WorkingDayCalendar } from "../domain/working-days";
import { startSubgraphExecutor } from "../app/subgraph";
import { loadWorkingDayCalendar } from "../platform/calendar-files";
import type { Config } from "../platform/config";
import { createLogger } from "../platform/logger";
import { ensureReportSigningKey } from "../platform/secrets";
import type { SubgraphName } from "../platform/supergraph-config";
import type { Purpose, Role, Viewer } from "../platform/viewer";
import type { AuditLoaders } from "../subgraphs/audit/audit-event.loaders";
import type { ListEntryLoaders } from "../subgraphs/lists/list-entry.loaders";
import type { MeasureLoaders } from "../subgraphs/measures/measure.loaders";
import type { CreditRecordLoaders } from "../subgraphs/records/credit-record.loaders";
import type { ObjectionLoaders } from "../subgraphs/repair/objection.loaders";
import type { SubgraphContext } from "../subgraphs/shared/context";
import type { SubgraphExecutor } from "../subgraphs/shared/executor";
import type { SubjectLoaders } from "../subgraphs/subjects/subject.loaders";
import type { CreditReportLoaders } from "../subgraphs/reports/credit-report.loaders";
import type { DisclosureGroup } from "../audit-log/chain";
import { TestClock } from "./clock";
import { StatementCounter, startTestDatabase, type GraphQLResult } from "./harness";

/*
 * Tests at the height of one slice: one migrated database, the service's clock pinned, and a request context
 * for any viewer built by the very code a subgraph builds it with (subgraphs/shared/executor.ts#contextFor:
 * the ability from policies/, the slice's loaders, the disclosure log). No gateway, no composition, no ports.
 * Fixtures go in through the slices' own services (a context of the slice that owns the table) or operations.
 *
 *   const slice = await startSliceTest({ now: "2026-06-01T10:00:00+08:00" });
 *   const records = slice.context("records", { role: "PROVIDER", org: "320800-MARKET" });
 *   await submitRecords(records, [...]);
 *   const answer = await slice.execute("records", "query { recordKinds { code } }", { viewer: { role: "PUBLIC" } });
 *
 * What the gateway adds — tokens, the purpose header, limits, the audit of a whole request, entity references
 * across subgraphs — is tested through the federation (test/harness.ts#startTestFederation), not here.
 */

/**
 * Who asks, as a token and the `X-Credit-Purpose` header would say it (gateway/auth.ts): `sub` becomes the
 * viewer's actor (a fresh one per call when absent, as `mintToken` does), absent claims are null. A consent is
 * not a claim but a row: grant it through the subjects slice (subgraphs/subjects/consent.service.ts).
 */
export type SliceViewer = Readonly<{
  role: Role;
  org?: string | undefined;
  subject?: string | undefined;
  sub?: string | undefined;
  purpose?: Purpose | null | undefined;
}>;

/** The viewer the gateway would sign for these claims. */
export function viewerOf(claims: SliceViewer): Viewer {
  return Object.freeze({
    role: claims.role,
    actor:
      claims.role === "PUBLIC"
        ? null
        : (claims.sub ?? `${claims.role.toLowerCase()}-${randomUUID().slice(0, 8)}`),
    org: claims.org || null,
    subject: claims.subject || null,
    purpose: claims.purpose ?? null,
  });
}

/** Each slice's loaders, so that a context's type is the one its services take. */
type LoadersOf = {
  subjects: SubjectLoaders;
  records: CreditRecordLoaders;
  lists: ListEntryLoaders;
  measures: MeasureLoaders;
  repair: ObjectionLoaders;
  audit: AuditLoaders;
  reports: CreditReportLoaders;
};
type ContextOf<N extends SubgraphName> = SubgraphContext<N extends keyof LoadersOf ? LoadersOf[N] : unknown>;

/** One operation's answer from a slice's own schema, with what the request disclosed (what the gateway would audit). */
export type SliceResult<T = Record<string, unknown>> = Omit<GraphQLResult<T>, "headers"> &
  Readonly<{ disclosed: readonly DisclosureGroup[] }>;

export type SliceTestOptions = Readonly<{
  /** Pins the service's clock (ISO 8601 with offset); default the configured clock's now. */
  now?: string;
  /** `demo` loads the demo data (db/seed/demo.ts) for today by the pinned clock. */
  seed?: "demo" | "none";
  /** Working days to count with; default the calendar of data/calendar. */
  calendar?: WorkingDayCalendar;
  /** Configuration over the test defaults (as startTestDatabase's). */
  environment?: Record<string, string>;
}>;

export type SliceTest = Readonly<{
  config: Config;
  /** The migrated database, counting the statements sent through it. */
  db: Connection;
  /** The service's one clock: pinned by `now`, moved with `clock.set(…)`; each context reads it once. */
  clock: TestClock;
  /** Today's date in China by the service's clock, YYYY-MM-DD. */
  today(): string;
  calendar: WorkingDayCalendar;
  /** A fresh request context of `slice` for this viewer (default PUBLIC), as the subgraph builds one per request. */
  context<N extends SubgraphName>(slice: N, viewer?: SliceViewer): Promise<ContextOf<N>>;
  /** Runs one operation on `slice`'s own schema as its subgraph serves it: same context, same error mask. */
  execute<T = Record<string, unknown>>(
    slice: SubgraphName,
    document: string,
    options?: Readonly<{ viewer?: SliceViewer; variables?: Record<string, unknown> }>,
  ): Promise<SliceResult<T>>;
  /**
   * Reads a subject as the gateway's plan for `subject(identifier) { … }` would: the subjects slice finds it for
   * this viewer (null when it may not), then each other slice named answers its own Subject fields through its
   * entity reference (`_entities`). `selections` maps a slice to its fields, e.g. `{ records: "records { id }" }`.
   */
  readSubject<T = Record<string, unknown>>(
    identifier: string,
    selections: Partial<Record<SubgraphName, string>>,
    options?: Readonly<{ viewer?: SliceViewer }>,
  ): Promise<SliceResult<{ subject: T }>>;
  /** Statements sent to the database so far. */
  statements(): number;
  stop(): Promise<void>;
}>;

/** Starts one migrated database (PGlite, or PostgreSQL with `DATABASE_URL`) and the slices asked for on it, lazily. */
export async function startSliceTest(options: SliceTestOptions = {}): Promise<SliceTest> {
  const database = await startTestDatabase(options.environment);
  const clock = new TestClock(options.now ?? database.config.clock.now());
  const config: Config = Object.freeze({ ...database.config, clock });
  const calendar = options.calendar ?? loadWorkingDayCalendar(config.calendarDir).calendar;
  const counter = new StatementCounter();
  const db = database.connection.db.withPlugin(counter);
  const logger = createLogger(config);
  const executors = new Map<SubgraphName, Promise<SubgraphExecutor>>();
  try {
    if (options.seed === "demo") await seedDemoData(database.connection.db, chinaDateOf(clock.now()));
  } catch (error) {
    await database.stop();
    throw error;
  }
  const reportSigningKey = await ensureReportSigningKey(config);
  const executorOf = (slice: SubgraphName) => {
    let executor = executors.get(slice);
    if (!executor)
      executors.set(
        slice,
        (executor = startSubgraphExecutor(slice, { config, db, logger, calendar, reportSigningKey })),
      );
    return executor;
  };
  const claimsOf = (viewer: SliceViewer = { role: "PUBLIC" }) => {
    const signed = viewerOf(viewer);
    return {
      viewer: signed,
      requestId: randomUUID(),
      caller: signed.actor ?? "address:127.0.0.1",
      network: "address:127.0.0.1",
    };
  };
  const execute = async <T>(
    slice: SubgraphName,
    document: string,
    request: Readonly<{ viewer?: SliceViewer; variables?: Record<string, unknown> }> = {},
  ): Promise<SliceResult<T>> => {
    const answer = await (await executorOf(slice)).executeHandedOver(
      { query: document, variables: request.variables ?? null },
      claimsOf(request.viewer),
    );
    return {
      status: answer.status,
      ...(answer.result as Omit<GraphQLResult<T>, "status" | "headers">),
      disclosed: answer.disclosed,
    };
  };
  return {
    config,
    db,
    clock,
    today: () => chinaDateOf(clock.now()),
    calendar,
    async context(slice, viewer) {
      return (await executorOf(slice)).contextFor(claimsOf(viewer), "handed-over") as never;
    },
    execute,
    async readSubject<T>(
      identifier: string,
      selections: Partial<Record<SubgraphName, string>>,
      request: Readonly<{ viewer?: SliceViewer }> = {},
    ) {
      const viewer = viewerOf(request.viewer ?? { role: "PUBLIC" });
      const asked = {
        viewer: {
          role: viewer.role,
          sub: viewer.actor ?? undefined,
          org: viewer.org ?? undefined,
          subject: viewer.subject ?? undefined,
          purpose: viewer.purpose,
        },
      };
      const found = await execute<{ subject: ({ id: string } & Record<string, unknown>) | null }>(
        "subjects",
        `query ($identifier: String!) { subject(identifier: $identifier) { id ${selections.subjects ?? ""} } }`,
        {
          ...asked,
          variables: { identifier },
        },
      );
      if (found.errors || !found.data?.subject) return found as SliceResult<{ subject: T }>;
      const { id, ...subject } = found.data.subject;
      const disclosed = [...found.disclosed];
      if (/\bid\b/.test(selections.subjects ?? "")) subject.id = id;
      for (const [slice, selection] of Object.entries(selections) as Array<[SubgraphName, string]>) {
        if (slice === "subjects") continue;
        const part = await execute<{ _entities: Array<Record<string, unknown>> }>(
          slice,
          `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Subject { ${selection} } } }`,
          {
            ...asked,
            variables: { representations: [{ __typename: "Subject", id }] },
          },
        );
        if (part.errors)
          return { ...part, data: null, disclosed: [...disclosed, ...part.disclosed] } as SliceResult<{
            subject: T;
          }>;
        Object.assign(subject, part.data!._entities[0]);
        disclosed.push(...part.disclosed);
      }
      return { status: found.status, data: { subject: subject as T }, disclosed };
    },
    statements: () => counter.count,
    async stop() {
      await Promise.allSettled([...executors.values()].map(async (executor) => (await executor).stop()));
      await database.stop();
    },
  };
}
