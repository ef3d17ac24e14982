import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryResult,
  TransactionSettings,
} from "kysely";
import { inSpan } from "../platform/telemetry";

/** Longest SQL text kept on a span; the statement is parameterised, so it holds no values. */
const MAX_STATEMENT_CHARS = 2_000;

/**
 * One span per statement, at Kysely's level, so PGlite (which no pg instrumentation sees) and
 * PostgreSQL are traced alike. The span carries the parameterised SQL, never its parameters (they hold
 * identifiers). With tracing off the spans are the API's no-ops.
 */
class TracedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly system: string,
  ) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const statement = compiledQuery.sql;
    const operation = /^\s*(\w+)/.exec(statement)?.[1]?.toUpperCase() ?? "SQL";
    return inSpan(
      `${operation} ${this.system}`,
      {
        "db.system": this.system,
        "db.statement": statement.slice(0, MAX_STATEMENT_CHARS),
        "db.operation": operation,
      },
      () => this.inner.executeQuery<R>(compiledQuery),
    );
  }

  streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiledQuery, chunkSize);
  }
}

class TracedDriver implements Driver {
  private readonly connections = new WeakMap<DatabaseConnection, TracedConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly system: string,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let traced = this.connections.get(connection);
    if (!traced) {
      traced = new TracedConnection(connection, this.system);
      this.connections.set(connection, traced);
    }
    return traced;
  }

  private innerOf(connection: DatabaseConnection): DatabaseConnection {
    return connection instanceof TracedConnection ? connection.inner : connection;
  }

  savepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: Parameters<NonNullable<Driver["savepoint"]>>[2],
  ): Promise<void> {
    if (!this.inner.savepoint) throw new Error("this database driver has no savepoints");
    return this.inner.savepoint(this.innerOf(connection), name, compileQuery);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: Parameters<NonNullable<Driver["rollbackToSavepoint"]>>[2],
  ): Promise<void> {
    if (!this.inner.rollbackToSavepoint) throw new Error("this database driver has no savepoints");
    return this.inner.rollbackToSavepoint(this.innerOf(connection), name, compileQuery);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: Parameters<NonNullable<Driver["releaseSavepoint"]>>[2],
  ): Promise<void> {
    if (!this.inner.releaseSavepoint) throw new Error("this database driver has no savepoints");
    return this.inner.releaseSavepoint(this.innerOf(connection), name, compileQuery);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(this.innerOf(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(this.innerOf(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(this.innerOf(connection));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(this.innerOf(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** `dialect` with every statement in a span (`system`: `postgresql`). */
export function tracedDialect(dialect: Dialect, system = "postgresql"): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new TracedDriver(dialect.createDriver(), system),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
