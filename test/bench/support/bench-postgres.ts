/**
 * A PostgreSQL database of a bench's own on the machine's server (dropped after), or null when
 * no server answers: the benches then say PostgreSQL was not measured.
 */
import postgres from 'postgres';

const PG_URL = process.env.SESAME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchPostgres {
  name: string;
  url: string;
  /** A connection to the server itself (pg_stat_activity…), not to the bench's database. */
  admin: postgres.Sql;
  drop(): Promise<void>;
}

export async function createBenchPostgres(prefix: string): Promise<BenchPostgres | null> {
  const admin = postgres(PG_URL, { max: 1, connect_timeout: 3, onnotice: () => undefined });
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } catch {
    await admin.end();
    return null;
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    admin,
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
