// How many reports a citizen may file: per account and per address in a sliding window,
// counted before the report is read (docs/security.md, "Limits"). Staff file reports on
// callers' behalf and are not counted; API clients have their own limit (api-clients/).
import type { IntakeLimits } from '../../platform/config.js';
import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';
import { consumeLimits, perAccountAndAddress } from '../../platform/rate-limit.js';

export async function limitReports(
  db: Database,
  limits: IntakeLimits,
  reporter: Pick<Principal, 'userId' | 'role'>,
  ip: string,
): Promise<void> {
  if (reporter.role !== 'citizen') return;
  await consumeLimits(
    db,
    perAccountAndAddress(
      'reports',
      { userId: reporter.userId, ip },
      { perAccount: limits.reportsPerAccount, perIp: limits.reportsPerIp },
      limits.windowSeconds,
    ),
    'Too many reports: wait a few minutes before sending another',
  );
}
