import { randomUUID } from "node:crypto";
import { getPriority } from "node:os";
import { threadId } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { CreditError } from "../../platform/errors";
import { generateSubgraphKeyPair } from "../../platform/subgraph-signature";
import {
  ReportPrinter,
  ReportTimeoutError,
  reportWorkerFile,
  type ReportPrinterSettings,
} from "./credit-report.printer";
import { REPORT_FORMAT, type ReportContent } from "./credit-report.rules";
import { PRINTING_NICENESS, type ReportTask } from "./credit-report.worker";

const { privateKey: key } = generateSubgraphKeyPair();

/** A report of `items` records, as the service would hand it to the printer. */
function reportOf(items: number): ReportTask {
  const records = Array.from({ length: items }, (_, index) => ({
    id: randomUUID(),
    category: "NEGATIVE" as const,
    kind: "ADMINISTRATIVE_PENALTY",
    severity: "GENERAL" as const,
    tier: "PUBLIC" as const,
    title: `未按规定公示年度报告的行政处罚（第 ${index + 1} 项）`,
    provider: "某市市场监督管理局",
    decidedOn: "2026-01-05",
    expiresOn: "2027-01-05",
  }));
  const content = {
    format: REPORT_FORMAT,
    reportId: randomUUID(),
    issuedAt: "2026-11-18T02:00:00.000Z",
    validUntil: "2026-12-18T02:00:00.000Z",
    purpose: "EMPLOYMENT_SCREENING",
    tiers: ["PUBLIC"],
    keyId: "test-key",
    subject: { kind: "NATURAL_PERSON", name: "报告人", identifier: "110105********0019" },
    records,
    listEntries: [],
    workflows: [],
  } as unknown as ReportContent;
  return { content, verificationCode: "7K3M-Q9TX-2HRB", key };
}

const printers: ReportPrinter[] = [];
function printer(settings: Partial<ReportPrinterSettings> = {}): ReportPrinter {
  const created = new ReportPrinter({ workers: 1, queue: 0, timeoutMs: 60_000, ...settings });
  printers.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(printers.splice(0).map((each) => each.close()));
});

const later = (ms: number) => performance.now() + ms;

describe("the credit-report printer: layout off the serving event loop", () => {
  it("lays a report out in a worker thread, never in the thread that asked", async () => {
    const slot = printer().reserve();
    const printed = await slot.print(reportOf(2), later(60_000));
    slot.release();
    expect(printed.threadId).not.toBe(threadId);
    expect(Buffer.from(printed.pdfBase64, "base64").subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }, 90_000);

  it.skipIf(process.platform !== "linux")(
    "lays it out at the lowest priority, so a core shared with the serving thread goes to requests first",
    async () => {
      const slot = printer().reserve();
      const printed = await slot.print(reportOf(1), later(60_000));
      slot.release();
      expect(printed.niceness).toBe(PRINTING_NICENESS);
      expect(getPriority()).toBeLessThan(PRINTING_NICENESS);
    },
    90_000,
  );

  it("holds at most workers + queue reports; the next is refused at once with SERVICE_UNAVAILABLE and a retry hint", () => {
    const bounded = printer({ workers: 1, queue: 1 });
    const first = bounded.reserve();
    bounded.reserve();
    let refused: unknown;
    try {
      bounded.reserve();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(CreditError);
    expect((refused as CreditError).code).toBe("SERVICE_UNAVAILABLE");
    expect((refused as CreditError).extensions.retryAfterSeconds).toBeGreaterThan(0);
    first.release();
    first.release();
    expect(() => bounded.reserve()).not.toThrow();
    expect(() => bounded.reserve()).toThrow(CreditError);
  });

  it("stops a layout past its deadline (its worker ended) and goes on printing the next one", async () => {
    const timed = printer({ timeoutMs: 200 });
    const slot = timed.reserve();
    const startedAt = performance.now();
    await expect(slot.print(reportOf(3_000), later(200))).rejects.toBeInstanceOf(ReportTimeoutError);
    // A 3,000-item layout takes seconds: the answer came at the deadline, not when the layout would have ended.
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    const printed = await slot.print(reportOf(1), later(60_000));
    expect(printed.pdfBase64.length).toBeGreaterThan(0);
    slot.release();
  }, 90_000);

  it("abandons a layout in progress when closed (a drain does not wait for it), and refuses from then on", async () => {
    const closing = printer();
    const slot = closing.reserve();
    // A worker is up and has loaded the layout libraries: the next report is laid out at once, not queued.
    await slot.print(reportOf(1), later(60_000));
    const printing = slot.print(reportOf(3_000), later(60_000));
    const settled = printing.then(
      () => "printed",
      () => "abandoned",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const startedAt = performance.now();
    await closing.close();
    expect(await settled).toBe("abandoned");
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect(() => closing.reserve()).toThrow(CreditError);
  }, 90_000);

  it("finds its worker beside it in the sources and beside the bundle in dist/", () => {
    expect(reportWorkerFile("file:///app/subgraphs/reports/credit-report.printer.ts").pathname).toBe(
      "/app/subgraphs/reports/credit-report.worker.ts",
    );
    expect(reportWorkerFile("file:///app/dist/chunk-ABC.js").pathname).toBe(
      "/app/dist/credit-report-worker.js",
    );
  });
});
