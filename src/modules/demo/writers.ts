// The demo module owns the first start of a demo city: a list of writers, each filling its
// own part of the empty database once (the cases today; alerts, layers, transit, directory,
// assistant and payments add theirs to DEMO_WRITERS), and the marker rows that say so.
import type { Logger } from 'pino';
import type { Database } from '../../platform/db/index.js';
import type { CaseSettings } from '../cases/settings.js';
import type { MediaStorage } from '../media/storage/index.js';
import { demoCases } from './cases.js';

export interface DemoContext {
  /** Write in short transactions: the server answers requests meanwhile. */
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
   * Writes its data once this server has claimed it; what it returns is kept in the marker
   * row and logged. A database that holds such data already (not put there by the demo) is
   * left alone: return why as { skipped }.
   */
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
