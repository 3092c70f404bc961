// The demo module owns the first start of a demo city: a list of writers, each filling its
// own part of the empty database once (the cases today; alerts, layers, transit, directory,
// assistant and payments add theirs to DEMO_WRITERS), and the marker rows that say so.
import type { Logger } from 'pino';
import type { Database } from '../../platform/db/index.js';
import type { CaseSettings } from '../cases/settings.js';
import type { MediaStorage } from '../media/storage/index.js';
import { demoCases } from './cases.js';

export interface DemoContext {
  /** Everything a writer writes goes through this, inside its one transaction. */
  db: Database;
  storage: MediaStorage;
  settings: CaseSettings;
  now: Date;
  /** A progress line for the log. */
  say: (line: string) => void;
  log: Logger;
}

export interface DemoWriter {
  /** Stable: the key of its marker row. */
  name: string;
  /**
   * Slow work that needs no transaction (drawing photos), done before the writer's
   * transaction so that the embedded database is not held meanwhile.
   */
  prepare?(context: Omit<DemoContext, 'now'>): Promise<void>;
  /** Undoes prepare when another server wrote this writer's data meanwhile. */
  abandon?(context: Omit<DemoContext, 'now'>): Promise<void>;
  /** Writes its data; what it returns is kept in the marker row and logged. */
  write(context: DemoContext): Promise<Record<string, unknown>>;
}

export interface DemoOptions {
  /** Cases of the demo history (default 3,000; tests ask for fewer). */
  cases?: number;
}

/** Every writer, in the order they run: a later one may use what an earlier one wrote. */
export function demoWriters(options: DemoOptions = {}): DemoWriter[] {
  return [demoCases({ cases: options.cases ?? 3000 })];
}
