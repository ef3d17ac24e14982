import { parseArgs } from "node:util";
import { chinaDateOf } from "../domain/dates";
import type { RecordKind } from "../domain/record-kinds";
import { ConfigError, loadConfig, type Config } from "../platform/config";
import { createGatewayClient, GatewayUnreachableError, type GatewayError } from "../platform/gateway-client";
import type { InputProblem } from "../domain/input-problem";
import { createProgressBar } from "../platform/progress";
import { ensureJwtSecret } from "../platform/secrets";
import { mintToken } from "../platform/tokens";
import { MAX_ITEMS_PER_CALL } from "../domain/limits";
import {
  ChunkRefusedError,
  CSV_COLUMNS,
  importRecordFile,
  OPTIONAL_CSV_COLUMNS,
  toRecordInput,
} from "../subgraphs/records/record-import";
import type { StoredSubmission } from "../subgraphs/records/record-submission.service";

/** Codes with which the service answers that it stored nothing of a submission. */
const REFUSAL_CODES = new Set([
  "BAD_USER_INPUT",
  "INVALID_IDENTIFIER",
  "PROHIBITED_DATA",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "QUERY_TOO_COMPLEX",
  "RATE_LIMITED",
]);

const usage = `usage: npm run import -- --provider ORG [--gateway URL] FILE
  Submits FILE's records as the provider ORG (a PROVIDER token signed with the configured secret) through
  the running service's gateway (--gateway, else CREDIT_GATEWAY_URL, else http://localhost:PORT/graphql),
  where every submission is checked, stored and audited like any other.
  FILE is .ndjson (one RecordInput object per line) or .csv with the header
  ${CSV_COLUMNS.join(",")}
  and optionally ${OPTIONAL_CSV_COLUMNS.join(", ")}
  The whole file is checked first: a file with any bad line sends nothing. Then it goes in chunks of at
  most ${MAX_ITEMS_PER_CALL.toLocaleString("en")} records, each stored all or nothing; if the service stops midway the command says which
  lines are stored. Re-importing a file stores nothing twice, so after an interruption import it again.`;

const SUBMIT = `mutation Import($records: [RecordInput!]!) { submitRecords(records: $records) { accepted created ids } }`;
const CATALOG = `query ImportCatalog { recordKinds { code name category defaultTier article } }`;

let provider: string | undefined;
let gateway: string | undefined;
let file: string | undefined;
try {
  const { values, positionals } = parseArgs({
    options: { provider: { type: "string" }, gateway: { type: "string" } },
    allowPositionals: true,
  });
  ({ provider, gateway } = values);
  file = positionals[0];
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!provider || !file) {
  console.error(usage);
  process.exit(2);
}
let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const url = gateway ?? config.gatewayUrl;
const secret = await ensureJwtSecret(config);
const client = createGatewayClient({
  url,
  token: () => mintToken(secret, { role: "PROVIDER", org: provider, sub: "npm-run-import", ttl: "15m" }),
});
const describeErrors = (errors: readonly GatewayError[]) =>
  errors.map((error) => `${error.extensions?.code ?? "ERROR"}: ${error.message}`).join("; ");
const printProblems = (problems: readonly InputProblem[]) => {
  for (const problem of problems.slice(0, 1_000)) {
    const [where, ...field] = problem.field.split(".");
    console.error(`${where}${field.length > 0 ? `: ${field.join(".")}` : ""}: ${problem.reason}`);
  }
  if (problems.length > 1_000) console.error(`… and ${problems.length - 1_000} more problems`);
};

const RATE_LIMITED_RETRIES = 5;

function submitChunk(records: ReadonlyArray<Parameters<typeof toRecordInput>[0]>) {
  return client
    .request<{ submitRecords: Omit<StoredSubmission, "written"> }>(SUBMIT, {
      records: records.map(toRecordInput),
    })
    .catch((error: unknown) => {
      throw error instanceof GatewayUnreachableError ? new ChunkRefusedError(error.message, []) : error;
    });
}

/** The seconds to wait when every error is RATE_LIMITED; null otherwise. */
function retryAfterOf(errors: ReadonlyArray<{ extensions?: Record<string, unknown> }>): number | null {
  if (errors.length === 0 || !errors.every((error) => error.extensions?.code === "RATE_LIMITED")) return null;
  return Math.max(1, ...errors.map((error) => Number(error.extensions?.retryAfterSeconds) || 1));
}

try {
  const catalogAnswer = await client.request<{ recordKinds: RecordKind[] }>(CATALOG);
  if (!catalogAnswer.data?.recordKinds) {
    console.error(
      `${url} did not give the record catalog (${describeErrors(catalogAnswer.errors ?? [])}); nothing was sent`,
    );
    process.exit(1);
  }
  const catalog = new Map(catalogAnswer.data.recordKinds.map((kind) => [kind.code, kind]));

  const checking = createProgressBar(`check ${file}`);
  const sending = createProgressBar(`import ${file} via ${url}`);
  const outcome = await importRecordFile({
    path: file,
    catalog,
    today: chinaDateOf(config.clock.now()),
    chunk: { maxRecords: MAX_ITEMS_PER_CALL, maxBytes: Math.floor(config.maxBodyBytes / 2) },
    async submit(records) {
      let answer = await submitChunk(records);
      // A chunk costs the caller's rate budget by its size: RATE_LIMITED ran nothing, so it is sent again once the
      // budget has refilled (a few times at most; then the import stops and says where, as for any refusal).
      for (let attempt = 1; attempt <= RATE_LIMITED_RETRIES; attempt++) {
        const wait = retryAfterOf(answer.errors ?? []);
        if (wait === null) break;
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 60) * 1_000));
        answer = await submitChunk(records);
      }
      const errors = answer.errors ?? [];
      if (errors.length === 0 && answer.data?.submitRecords) return answer.data.submitRecords;
      const problems = errors.flatMap((error) =>
        Array.isArray(error.extensions?.problems) ? (error.extensions.problems as InputProblem[]) : [],
      );
      if (errors.length > 0 && errors.every((error) => REFUSAL_CODES.has(error.extensions?.code ?? "")))
        throw new ChunkRefusedError(describeErrors(errors), problems);
      throw new Error(errors.length > 0 ? describeErrors(errors) : "the service answered without a result");
    },
    onProgress(progress) {
      if (progress.phase === "checking")
        checking.update(
          progress.bytesRead,
          progress.totalBytes,
          `${progress.lines.toLocaleString("en")} lines`,
        );
      else sending.update(progress.sent, progress.total, `${progress.sent.toLocaleString("en")} records`);
    },
  });

  if (outcome.status === "refused") {
    checking.finish(`${outcome.lines.toLocaleString("en")} lines checked`);
    printProblems(outcome.problems);
    console.error(
      `${outcome.problems.length} problem(s); nothing was sent to the service. Fix the lines above and import the file again.`,
    );
    process.exitCode = 1;
  } else if (outcome.status === "interrupted") {
    const { failed } = outcome;
    printProblems(failed.problems);
    console.error(`the import stopped at lines ${failed.from}-${failed.to}: ${failed.reason}`);
    console.error(
      [
        outcome.storedThroughLine === null
          ? "Nothing of the file is stored."
          : `Lines 1-${outcome.storedThroughLine} are stored (${outcome.accepted} records, ${outcome.created} new).`,
        failed.stored === "no"
          ? `Lines ${failed.from}-${failed.to} are not stored.`
          : `Lines ${failed.from}-${failed.to} may or may not be stored (the service's answer was lost).`,
        `Nothing after line ${failed.to} was sent.`,
        "Importing the same file again stores the rest and nothing twice.",
      ].join(" "),
    );
    process.exitCode = 1;
  } else {
    sending.finish(`${outcome.accepted.toLocaleString("en")} records`);
    console.log(
      `imported ${outcome.accepted} records for ${provider} through ${url}: ${outcome.created} new, ${outcome.accepted - outcome.created} already stored`,
    );
  }
} catch (error) {
  if (!(error instanceof GatewayUnreachableError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
