import { threadId } from "node:worker_threads";
import { renderCreditReportPdf, type ReportPrint } from "./credit-report.pdf";

/** What a worker hands back: the unsigned PDF and the thread that laid it out (never the serving thread). */
export type PrintedReport = Readonly<{ pdf: Uint8Array; threadId: number }>;

/**
 * The worker-pool entry (credit-report.printer.ts): lays one report out in a worker thread, so pdf-lib, fontkit
 * and qrcode load and run there and never on the event loop that serves requests.
 */
export default async function printCreditReport(print: ReportPrint): Promise<PrintedReport> {
  return { pdf: await renderCreditReportPdf(print), threadId };
}
