// Kysely's PostgreSQL introspector lists every table of every schema in the database, calling
// `has_schema_privilege(name)` and `pg_get_serial_sequence(name)` on each. Those look schemas up by
// name at call time, so another schema dropped while the query runs fails it with `schema "…" does
// not exist` (seen when test files drop their schemas while another one starts), and the cost grows
// with everything else the database holds. The migrator only asks whether our schema and its two
// migration tables exist, so this dialect answers that from pg_catalog for our schema alone.
import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type Kysely,
  PostgresDialect,
  type PostgresDialectConfig,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

class SchemaScopedIntrospector implements DatabaseIntrospector {
  constructor(
    // biome-ignore lint/suspicious/noExplicitAny: the introspector queries pg_catalog, outside our schema types
    private readonly db: Kysely<any>,
    /** Our schema; none means the connection's current schema (first on its search_path). */
    private readonly schema: string | undefined,
  ) {}

  private schemaName() {
    return this.schema === undefined ? sql<string>`current_schema()` : sql<string>`${this.schema}`;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ nspname: string }>`
      select nspname from pg_catalog.pg_namespace where nspname = ${this.schemaName()}`.execute(this.db);
    return rows.map((r) => ({ name: r.nspname }));
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const { rows } = await sql<{ relname: string; relkind: string; nspname: string }>`
      select c.relname, c.relkind, ns.nspname
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = ${this.schemaName()} and c.relkind in ('r', 'v', 'p')
      order by c.relname`.execute(this.db);
    const internal = new Set([DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);
    return rows
      .filter((r) => options.withInternalKyselyTables || !internal.has(r.relname))
      .map((r) => ({ name: r.relname, schema: r.nspname, isView: r.relkind === 'v', columns: [] }));
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

/** PostgresDialect whose introspection sees only `schema` (columns are not listed). */
export class SchemaScopedPostgresDialect extends PostgresDialect {
  constructor(
    config: PostgresDialectConfig,
    private readonly schema: string | undefined,
  ) {
    super(config);
  }

  // biome-ignore lint/suspicious/noExplicitAny: matches Kysely's Dialect signature
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SchemaScopedIntrospector(db, this.schema);
  }
}
