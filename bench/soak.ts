import { mintToken } from "../platform/tokens";
import { runLoad, type LoadRequest, type RunningService } from "./service";

export type SoakMinute = Readonly<{
  minute: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  rssMiB: number;
}>;

export type SoakResult = Readonly<{
  rate: number;
  minutes: SoakMinute[];
  requests: number;
  errors: number;
  auditEvents: number;
  /** At most this many requests are still in flight when the minute runs stop (connections × minutes): answered and audited after autocannon stopped counting. */
  inFlightAtRunEnds: number;
  maxRssMiB: number;
  /** RSS growth from the end of minute 2 to the end of the last minute. */
  rssGrowth: number;
  /** p99 of the last minute ÷ p99 of the first. */
  p99Drift: number;
}>;

/** Counts audit events since `from` through the gateway, as an auditor (that query is itself audited). */
async function countAuditEvents(service: RunningService, jwtSecret: string, from: Date): Promise<number> {
  const token = await mintToken(jwtSecret, { role: "AUDITOR", ttl: "1h" });
  const response = await fetch(service.urls.gateway, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `query Count($from: DateTime) { auditEvents(filter: { from: $from }, first: 1) { totalCount } }`,
      variables: { from: from.toISOString() },
    }),
  });
  const body = (await response.json()) as {
    data?: { auditEvents: { totalCount: number } };
    errors?: unknown;
  };
  if (!body.data) throw new Error(`counting audit events failed: ${JSON.stringify(body.errors)}`);
  return body.data.auditEvents.totalCount;
}

/**
 * The soak: `minutes` of load at a fixed rate (70% of the measured maximum), one autocannon run
 * per minute so each minute has its own p99 and the process's RSS is read at each minute's end. Every
 * answered request must have its audit event.
 */
export async function soak(
  service: RunningService,
  request: LoadRequest,
  options: { rate: number; minutes: number; connections: number; jwtSecret: string },
): Promise<SoakResult> {
  // Requests of earlier runs are all answered (and audited) before the window opens.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const from = new Date();
  const before = await countAuditEvents(service, options.jwtSecret, from);
  const minutes: SoakMinute[] = [];
  for (let minute = 1; minute <= options.minutes; minute++) {
    const run = await runLoad(service, request, {
      connections: options.connections,
      seconds: 60,
      overallRate: options.rate,
    });
    minutes.push({
      minute,
      requests: run.requests,
      errors: run.errors,
      p50: run.p50,
      p99: run.p99,
      rssMiB: service.rssMiB(),
    });
    console.error(
      `  soak minute ${minute}/${options.minutes}: ${run.requests} requests, ${run.errors} errors, p99 ${run.p99} ms, RSS ${service.rssMiB().toFixed(0)} MiB`,
    );
  }
  const after = await countAuditEvents(service, options.jwtSecret, from);
  const requests = minutes.reduce((sum, minute) => sum + minute.requests, 0);
  const second = minutes[Math.min(1, minutes.length - 1)]!;
  return {
    rate: options.rate,
    minutes,
    requests,
    errors: minutes.reduce((sum, minute) => sum + minute.errors, 0),
    // The first count query's own event is in `after`.
    auditEvents: after - before - 1,
    inFlightAtRunEnds: options.connections * options.minutes,
    maxRssMiB: Math.max(...minutes.map((minute) => minute.rssMiB)),
    rssGrowth: minutes.at(-1)!.rssMiB / second.rssMiB - 1,
    p99Drift: minutes.at(-1)!.p99 / minutes[0]!.p99,
  };
}
