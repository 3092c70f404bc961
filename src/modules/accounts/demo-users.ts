// The demo city's users, with fixed identifiers that scripts and docs rely on. Created only
// when the demo pack is loaded and the server is not in production mode.
import type { Database } from '../../platform/db/index.js';
import type { Role } from '../../shared/roles.js';
import { hashPassword } from './passwords.js';

export const DEMO_PASSWORD = 'citypulse-demo';

export const DEMO_STAFF: ReadonlyArray<{
  email: string;
  name: string;
  role: Exclude<Role, 'citizen'>;
  agency?: string;
}> = [
  { email: 'admin@citypulse.example', name: 'Quản trị hệ thống', role: 'admin' },
  { email: 'ioc@citypulse.example', name: 'Điều hành viên IOC', role: 'operator' },
  { email: 'hepco@citypulse.example', name: 'Nhân viên HEPCO', role: 'agency_staff', agency: 'hepco' },
  { email: 'doc@citypulse.example', name: 'Cán bộ Sở Xây dựng', role: 'agency_staff', agency: 'doc' },
  {
    email: 'ward-19753@citypulse.example',
    name: 'Quản trị UBND Phường Phú Xuân',
    role: 'agency_admin',
    agency: 'ward-19753',
  },
];

export const DEMO_CITIZENS: ReadonlyArray<{ phone: string; localPhone: string; name: string }> = [
  { phone: '+84900000001', localPhone: '0900000001', name: 'Nguyễn Văn An' },
  { phone: '+84900000002', localPhone: '0900000002', name: 'Trần Thị Bình' },
];

export async function isDemoPackLoaded(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ demo: boolean }>('SELECT bool_or(demo) AS demo FROM city_packs');
  return rows[0]?.demo === true;
}

/** Creates the demo users that do not exist yet; returns how many it created. */
export async function seedDemoUsers(db: Database): Promise<number> {
  const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM users WHERE email = ANY($1)', [
    DEMO_STAFF.map((staff) => staff.email),
  ]);
  // Hashing costs a noticeable moment: skip it on the usual start where every demo user exists.
  const passwordHash = rows[0]?.count === DEMO_STAFF.length ? null : await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    let created = 0;
    for (const staff of passwordHash ? DEMO_STAFF : []) {
      const { rowCount } = await tx.query(
        `INSERT INTO users (role, email, display_name, password_hash, agency_id)
         SELECT $1, $2, $3, $4, (SELECT id FROM agencies WHERE code = $5)
         ON CONFLICT (email) DO NOTHING`,
        [staff.role, staff.email, staff.name, passwordHash, staff.agency ?? null],
      );
      created += rowCount;
    }
    for (const citizen of DEMO_CITIZENS) {
      const { rowCount } = await tx.query(
        `INSERT INTO users (role, phone, display_name) VALUES ('citizen', $1, $2) ON CONFLICT (phone) DO NOTHING`,
        [citizen.phone, citizen.name],
      );
      created += rowCount;
    }
    return created;
  });
}
