import type { Kysely } from "kysely";
import type { Database } from "../db/database";
import type { AuditCompletion, AuditEntry } from "./chain";
import { appendAuditEntries, completeAuditEvent, type ChainHead } from "./store";

/** Told of each batch the writer commits or fails to commit (the gateway's metrics). */
export type AuditBatchObserver = (size: number, seconds: number, failed: boolean) => void;

type Waiting = { entry: AuditEntry; resolve: (hash: string) => void; reject: (error: unknown) => void };

/**
 * The gateway's audit writer with group commit: entries that arrive while a batch is being written go
 * into the next one, so the chain (one head, locked per batch) does not serialise requests one by one.
 * `append` resolves (with the entry's hash) only once the entry is committed — the caller withholds the
 * answer, or a mutation's execution, until then.
 */
export class AuditLog {
  private pending: Waiting[] = [];
  private flushing: Promise<void> | null = null;
  /** Where this writer last left the chain; another process may have moved it since. */
  private head: ChainHead | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBatch = 500,
    private readonly observeBatch: AuditBatchObserver = () => {},
  ) {}

  append(entry: AuditEntry): Promise<string> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Records how a mutation whose PENDING event was appended (with hash `eventHash`) ended. */
  complete(completion: AuditCompletion, eventHash: string): Promise<void> {
    return completeAuditEvent(this.db, completion, eventHash);
  }

  /** Resolves when everything appended so far is written (or refused). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      const startedAt = performance.now();
      try {
        const appended = await appendAuditEntries(
          this.db,
          batch.map((waiting) => waiting.entry),
          this.head,
        );
        this.observeBatch(batch.length, (performance.now() - startedAt) / 1000, false);
        this.head = appended;
        batch.forEach((waiting, index) => waiting.resolve(appended.entryHashes[index]!));
      } catch (error) {
        this.observeBatch(batch.length, (performance.now() - startedAt) / 1000, true);
        this.head = undefined;
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.flushing = null;
  }
}
