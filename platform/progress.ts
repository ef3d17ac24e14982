/**
 * A progress bar on stderr for long jobs: redrawn in place on a terminal, one line per tenth otherwise
 * (CI logs), always a final line.
 */
export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastTenth = -1;
  const render = (done: number, total: number, detail: string) => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${detail} ${seconds}s`;
  };
  return {
    update(done: number, total: number, detail = "") {
      if (stream.isTTY) {
        stream.write(`\r${render(done, total, detail)}`);
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${render(done, total, detail)}\n`);
      }
    },
    finish(detail = "") {
      stream.write(`${stream.isTTY ? "\r" : ""}${render(1, 1, detail)}\n`);
    },
  };
}
