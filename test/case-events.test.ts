// The one contract for case events (src/shared/case-events.ts) and what is derived from it:
// every event type has its words in the web app's timeline in both languages and its entry in
// the notification titles, and webhooks offer exactly the types that can be public.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TITLES } from '../src/modules/notifications/case-events.js';
import { WEBHOOK_EVENT_TYPES } from '../src/modules/webhooks/service.js';
import { CASE_EVENT_TYPES, CASE_EVENTS } from '../src/shared/case-events.js';

const timelineWords = async (language: 'vi' | 'en') =>
  JSON.parse(await readFile(new URL(`../web/src/i18n/locales/${language}/timeline.json`, import.meta.url), 'utf8')) as {
    events: Record<string, string>;
  };

describe('the case event contract', () => {
  it.each(['vi', 'en'] as const)(
    'gives every event type its title in the %s timeline, and no other',
    async (language) => {
      const { events } = await timelineWords(language);
      for (const type of CASE_EVENT_TYPES) expect(events[type], `${language} events.${type}`).toMatch(/\S/);
      // "other" is for an event type newer than the app the citizen has loaded
      expect(Object.keys(events).sort()).toEqual([...CASE_EVENT_TYPES, 'other'].sort());
    },
  );

  it('gives every event type its notification titles (null where it tells nobody), in both languages', () => {
    expect(Object.keys(NOTIFICATION_TITLES).sort()).toEqual([...CASE_EVENT_TYPES].sort());
    for (const type of CASE_EVENT_TYPES) {
      for (const titles of Object.values(NOTIFICATION_TITLES[type])) {
        if (!titles) continue;
        const [vi, en] = titles('HUE-2612-000001');
        expect(vi, type).toContain('HUE-2612-000001');
        expect(en, type).toContain('HUE-2612-000001');
      }
    }
    // citizens hear only of what they may see
    for (const type of CASE_EVENT_TYPES.filter((t) => CASE_EVENTS[t].audience === 'internal')) {
      expect(NOTIFICATION_TITLES[type].citizen, type).toBeNull();
      expect(NOTIFICATION_TITLES[type].supporter, type).toBeNull();
    }
  });

  it('offers webhooks exactly the event types that can be public', () => {
    expect([...WEBHOOK_EVENT_TYPES].sort()).toEqual(
      CASE_EVENT_TYPES.filter((type) => CASE_EVENTS[type].audience !== 'internal').sort(),
    );
    expect(WEBHOOK_EVENT_TYPES).toEqual(expect.arrayContaining(['submitted', 'resolved', 'transferred']));
    expect(WEBHOOK_EVENT_TYPES).not.toContain('note');
  });
});
