/**
 * CSV for spreadsheets (Excel, WPS, LibreOffice): a UTF-8 byte-order mark so Chinese opens as Chinese,
 * CRLF lines, every cell quoted. A cell that starts with `= + - @` (or a tab or carriage return) would be
 * read as a formula by the spreadsheet — an identifier list is uploaded by one person and opened by
 * another, so such a cell is prefixed with `'` and shown as text (OWASP "CSV injection").
 */
export function spreadsheetCsv(
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): string {
  return `\uFEFF${rows.map((row) => row.map(spreadsheetCell).join(",")).join("\r\n")}\r\n`;
}

export function spreadsheetCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${inert.replace(/"/g, '""')}"`;
}

/** Offers `csv` as a file download through a Blob URL (no server round trip, nothing in the page's URL). */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
