import type { Config } from '../config';
import type { Logger } from '../logger';
import { openPostgresStore } from './open-postgres';
import { openSqliteStore, sqliteFileIn } from './open-sqlite';
import type { Store } from './store';

/** PostgreSQL when DATABASE_URL names one, otherwise the SQLite file in the data directory. */
export function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>, log?: Logger): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl, { log }) : openSqliteStore(sqliteFileIn(config.dataDir), { log });
}
