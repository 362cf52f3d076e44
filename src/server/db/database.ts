// The process's one database. The start script opens it before serving and hands it over
// here; `astro dev` and tests that import the app open it on first use instead.
import type { Database, Db } from '../../../db/client.ts';
import { startDatabase } from './start-database.ts';
import { readServerEnv } from '../config/server-env.ts';

const KEY = Symbol.for('masthead.database');
type Holder = { [KEY]?: Promise<Database> };
const holder = globalThis as Holder;

export function provideDatabase(database: Promise<Database>): void {
  holder[KEY] = database;
}

export function getDatabase(): Promise<Database> {
  holder[KEY] ??= startDatabase(readServerEnv()).then((started) => started.database);
  return holder[KEY];
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
