import { Piscina } from "piscina";
import { CreditError, SERVICE_RETRY_AFTER_SECONDS } from "../../platform/errors";
import type { PrintedReport, ReportTask } from "./credit-report.worker";

/** How many reports are laid out at once, how many may wait, and how long one may take (`CREDIT_REPORT_*`). */
export type ReportPrinterSettings = Readonly<{
  /** Worker threads laying reports out at once. */
  workers: number;
  /** Reports that may wait for a worker; past workers + queue a report is refused at once (SERVICE_UNAVAILABLE). */
  queue: number;
  /** The longest a report may take, its gathering, wait and layout together; past it nothing is stored. */
  timeoutMs: number;
}>;

/** A report past its own time: refused, and never stored (credit-report.service.ts). */
export class ReportTimeoutError extends CreditError {
  constructor(timeoutMs: number) {
    super(
      "SERVICE_UNAVAILABLE",
      `the credit report took longer than ${timeoutMs} ms and was not issued — retry in a few seconds`,
      {
        retryAfterSeconds: SERVICE_RETRY_AFTER_SECONDS,
      },
    );
  }
}

/** A place held in the printer for one report, from before its items are read until it is printed or given up. */
export type PrintSlot = Readonly<{
  /** Finishes the report in a worker (withheld, signed, laid out) before `deadline` (performance.now() ms); past it the worker is stopped. */
  print(task: ReportTask, deadline: number): Promise<PrintedReport>;
  /** Gives the place back (once is enough; more are ignored). */
  release(): void;
}>;

/**
 * Credit reports laid out off the serving event loop: a piscina pool of worker threads, bounded in workers and
 * in waiting reports, each report with its own deadline. A report past its deadline is aborted — waiting, it
 * leaves the queue; running, its worker is terminated (piscina does so for an aborted running task) — so a
 * stuck layout cannot hold a thread. Threads start with the first report, not at start-up, and `close` ends
 * them at shutdown without waiting for a layout in progress.
 */
export class ReportPrinter {
  private pool: Piscina | undefined;
  private held = 0;
  private closed = false;

  constructor(
    readonly settings: ReportPrinterSettings,
    private readonly workerFile: URL = reportWorkerFile(),
  ) {}

  /** Reports holding a place now (laid out or waiting). */
  get busy(): number {
    return this.held;
  }

  /**
   * A place for one report, or `SERVICE_UNAVAILABLE` with `retryAfterSeconds` when every worker and every
   * place in the queue is taken: taken before the report's items are read, so a flood is refused before it
   * costs the database or the event loop anything.
   */
  reserve(): PrintSlot {
    if (this.closed || this.held >= this.settings.workers + this.settings.queue) {
      throw new CreditError(
        "SERVICE_UNAVAILABLE",
        "too many credit reports are being printed right now — retry in a few seconds",
        {
          retryAfterSeconds: SERVICE_RETRY_AFTER_SECONDS,
        },
      );
    }
    this.held += 1;
    let released = false;
    return {
      print: (task, deadline) => this.run(task, deadline),
      release: () => {
        if (released) return;
        released = true;
        this.held -= 1;
      },
    };
  }

  /** Ends the workers now: a layout in progress is abandoned (its request fails; nothing is stored). */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    // destroy, not close: close lets a running layout finish first, and a drain must not wait for it.
    await pool?.destroy();
  }

  private async run(task: ReportTask, deadline: number): Promise<PrintedReport> {
    const remaining = deadline - performance.now();
    if (remaining <= 0) throw new ReportTimeoutError(this.settings.timeoutMs);
    const signal = AbortSignal.timeout(Math.ceil(remaining));
    try {
      return (await this.poolNow().run(task, { signal })) as PrintedReport;
    } catch (error) {
      if (signal.aborted) throw new ReportTimeoutError(this.settings.timeoutMs);
      throw error;
    }
  }

  private poolNow(): Piscina {
    if (this.closed)
      throw new CreditError("SERVICE_UNAVAILABLE", "the service is shutting down — retry in a few seconds", {
        retryAfterSeconds: SERVICE_RETRY_AFTER_SECONDS,
      });
    this.pool ??= new Piscina({
      filename: this.workerFile.href,
      minThreads: 0,
      maxThreads: this.settings.workers,
      // The places are counted by `reserve`; the pool's own queue only backs that up.
      maxQueue: this.settings.workers + this.settings.queue,
      idleTimeout: 60_000,
      // From the TypeScript sources a worker compiles its entry with tsx: inherited under `npm run dev`, given here
      // under vitest (whose V8 flags a worker may not be given; left out, a worker inherits the parent's).
      ...(this.workerFile.pathname.endsWith(".ts") && !compilesTypeScript(process.execArgv)
        ? { execArgv: ["--import", "tsx"] }
        : {}),
    });
    return this.pool;
  }
}

/**
 * The worker's entry: beside this module in the sources; in the esbuild bundle (dist/, where this module is part
 * of a bundle or chunk in the same folder), the bundle's own `credit-report-worker.js` (scripts/build.ts).
 */
export function reportWorkerFile(from: string = import.meta.url): URL {
  return from.endsWith(".ts")
    ? new URL("./credit-report.worker.ts", from)
    : new URL("./credit-report-worker.js", from);
}

function compilesTypeScript(execArgv: readonly string[]): boolean {
  return (
    execArgv.includes("--import=tsx") ||
    execArgv.some((flag, index) => flag === "tsx" && execArgv[index - 1] === "--import")
  );
}
