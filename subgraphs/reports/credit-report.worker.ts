import type { KeyObject } from "node:crypto";
import { createHash } from "node:crypto";
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { isMainThread, threadId } from "node:worker_threads";
import { signReportContent, signReportFile } from "../../platform/report-signature";
import { renderCreditReportPdf } from "./credit-report.pdf";
import type { ReportContent } from "./credit-report.rules";

/** A report to finish: its content (prohibited data already withheld), its code and the signing key. */
export type ReportTask = Readonly<{ content: ReportContent; verificationCode: string; key: KeyObject }>;

/** What a worker hands back: the report as stored and given, and the thread that made it (never the serving thread). */
export type PrintedReport = Readonly<{
  /** The content as signed, JSON. */
  contentJson: string;
  contentSignature: string;
  /** The signed PDF, base64, and its SHA-256 (hex). */
  pdfBase64: string;
  fileSha256: string;
  threadId: number;
  /** The worker thread's scheduling niceness (Linux), or null where a thread's own cannot be set. */
  niceness: number | null;
}>;

/** The niceness a report's thread runs at: the lowest priority there is. */
export const PRINTING_NICENESS = 19;

/**
 * The serving thread comes first: this thread asks the kernel for the lowest priority (Linux: a thread's own
 * niceness, set through its thread id), so a core shared with the serving thread — one core, or more reports than
 * cores — goes to requests whenever both want it, and reports take what is left. Elsewhere it stays as it is.
 */
function yieldToTheServingThread(): number | null {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").at(-1));
    if (!Number.isInteger(tid) || tid <= 0) return null;
    setPriority(tid, PRINTING_NICENESS);
    return getPriority(tid);
  } catch {
    return null;
  }
}

// Only a pool thread lowers itself: a module that imports this one for its types or constants is not printing.
const niceness = isMainThread ? null : yieldToTheServingThread();

/**
 * The worker-pool entry (credit-report.printer.ts): the work of a report whose time grows with its items, done in
 * a worker thread — the content serialised and signed, the PDF laid out (pdf-lib, fontkit and qrcode load and run
 * here, never on the event loop that serves requests), signed and encoded. The worker loads nothing else: what it
 * imports it loads cold, within the report's deadline.
 */
export default async function printCreditReport(task: ReportTask): Promise<PrintedReport> {
  const { content } = task;
  const contentSignature = signReportContent(task.key, content);
  const file = signReportFile(
    task.key,
    await renderCreditReportPdf({ content, verificationCode: task.verificationCode }),
  );
  return {
    contentJson: JSON.stringify(content),
    contentSignature,
    pdfBase64: file.toString("base64"),
    fileSha256: createHash("sha256").update(file).digest("hex"),
    threadId,
    niceness,
  };
}
