// `npm run cli -- apikey:create --name NAME --scopes report,update,read [--agency CODE]`:
// creates an API client and prints its key on the last line (the only time it is shown).
import { parseArgs } from 'node:util';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { API_SCOPES, createApiClient } from './service.js';

export const APIKEY_USAGE =
  '  apikey:create --name NAME --scopes report,update,read [--agency CODE]\n' +
  '                                create an API client (Open311); prints its key on the last line\n';

/** Returns the exit code: 0 created, 2 wrong arguments, 1 refused (e.g. unknown agency). */
export async function apiKeyCreateCommand(db: Database, args: string[], out: (line: string) => void): Promise<number> {
  let values: { name?: string; scopes?: string; agency?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { name: { type: 'string' }, scopes: { type: 'string' }, agency: { type: 'string' } },
    }));
  } catch (error) {
    out(`${error instanceof Error ? error.message : String(error)}\n${APIKEY_USAGE}`);
    return 2;
  }
  if (!values.name || !values.scopes) {
    out(`apikey:create needs --name and --scopes (${API_SCOPES.join(',')})\n${APIKEY_USAGE}`);
    return 2;
  }
  try {
    const { client, key } = await createApiClient(
      db,
      { name: values.name, scopes: values.scopes.split(','), agencyCode: values.agency ?? null },
      { actor: null, ip: null, userAgent: 'citypulse-cli' },
    );
    out(
      `API client ${client.name} (${client.id}) scopes ${client.scopes.join(',')}${client.agency_code ? ` agency ${client.agency_code}` : ''}`,
    );
    out('The key below is shown only now: store it safely.');
    out(key);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    out(error.message);
    return 1;
  }
}
