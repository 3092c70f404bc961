// The demo city's recent history: about 3,000 cases over six months from the synthetic
// generator, acted on by the demo staff accounts among others, with the demo citizens'
// own reports, supporters, photos, and the inboxes that go with them.
import { DEMO_CITIZENS, DEMO_STAFF } from '../accounts/demo-users.js';
import { seedSynthetic } from '../synthetic/seed.js';
import { fillInboxes } from './inbox.js';
import { addDemoPhotos, drawScenes } from './photos.js';
import type { DemoWriter } from './writers.js';

const SEED = 2019; // the year Hue-S opened

export function demoCases(options: { cases: number }): DemoWriter {
  return {
    name: 'cases',
    async write({ db, storage, settings, now, say }) {
      const { rows: existing } = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM cases) AS any');
      if (existing[0]?.any) return { skipped: 'the database already has cases' };
      const { rows: people } = await db.query<{ id: string; email: string | null; phone: string | null }>(
        'SELECT id, email, phone FROM users WHERE email = ANY($1) OR phone = ANY($2)',
        [DEMO_STAFF.map((s) => s.email), DEMO_CITIZENS.map((c) => c.phone)],
      );
      const idOf = (key: string) => people.find((p) => p.email === key || p.phone === key)?.id;
      const citizens = DEMO_CITIZENS.flatMap((c) => idOf(c.phone) ?? []);
      const agencies: Record<string, string> = {};
      for (const staff of DEMO_STAFF) {
        const id = idOf(staff.email);
        if (staff.agency && id) agencies[staff.agency] = id;
      }
      const operators = DEMO_STAFF.filter((s) => s.role === 'operator').flatMap((s) => idOf(s.email) ?? []);
      const report = await seedSynthetic(db, settings, {
        cases: options.cases,
        years: 0.5,
        seed: SEED,
        now,
        // small batches: each is one short stop of the embedded database
        batchSize: 250,
        progress: say,
        categoryFloor: 6,
        regulars: citizens.map((userId) => ({ userId, share: 0.006 })),
        supportShare: 0.12,
        backlogHours: 16,
        // the demo agencies are behind, so that their workspaces show what overdue work looks like
        slowAgencies: { hepco: 2, doc: 2.5, 'ward-19753': 6 },
        actors: { operators, agencies },
      });
      say('drawing photos');
      const scenes = await drawScenes(db, storage, SEED);
      const photos = await addDemoPhotos(db, storage, scenes, SEED);
      const notifications = await db.transaction((tx) => fillInboxes(tx, citizens));
      return { cases: report.cases, events: report.events, by_state: report.byState, ...photos, notifications };
    },
  };
}
