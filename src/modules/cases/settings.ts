import type { Queryable } from '../../platform/db/index.js';

/** How the case lifecycle is tuned for a city; built from the configuration. */
export interface CaseSettings {
  /** Prefix of case codes, e.g. HUE in HUE-2611-000123 (the city pack's code). */
  codePrefix: string;
  /** The city's time zone: case codes carry the local year and month. */
  timeZone: string;
  /** A resolved case that the citizen does not rate closes itself after this many days. */
  autoCloseDays: number;
  /** The agency is reminded when this share of the SLA time is left. */
  reminderShareLeft: number;
}

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  codePrefix: 'HUE',
  timeZone: 'Asia/Ho_Chi_Minh',
  autoCloseDays: 7,
  reminderShareLeft: 0.2,
};

/** Settings for this database's city: case codes start with the city pack's code. */
export async function loadCaseSettings(db: Queryable): Promise<CaseSettings> {
  const { rows } = await db.query<{ code: string }>(
    'SELECT upper(code) AS code FROM city_packs ORDER BY created_at LIMIT 1',
  );
  return { ...DEFAULT_CASE_SETTINGS, codePrefix: rows[0]?.code ?? 'CP' };
}
