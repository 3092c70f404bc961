// The newest reports of a generated city wait at each early stage in turn, so that the demo's
// queue shows every one of them however few those reports are (a random draw could leave one out).
import { describe, expect, it } from 'vitest';
import type { EventType } from '../cases/events.js';
import type { PlannedEvent } from './lifecycle.js';
import { backlogHolder } from './people.js';

const SYSTEM = { userId: null, role: 'system' } as const;
const story = (...types: EventType[]): PlannedEvent[] =>
  types.map(
    (type, at) =>
      ({ type, payload: {}, public: true, fromState: null, toState: null, actor: SYSTEM, at }) as PlannedEvent,
  );
const lastOf = (events: PlannedEvent[]) => events.at(-1)?.type;

describe('the backlog of the newest reports', () => {
  it('holds them untriaged, triaged, assigned and as far as they got, in turn', () => {
    const hold = backlogHolder();
    const full = () => story('submitted', 'triaged', 'assigned', 'accepted', 'resolved');
    const held = [1, 2, 3, 4, 5].map(() => lastOf(hold(full())));
    expect(held).toEqual(['submitted', 'triaged', 'assigned', 'resolved', 'submitted']);
  });

  it('passes a stage a report never reached to the next report', () => {
    const hold = backlogHolder();
    expect(lastOf(hold(story('submitted', 'triaged', 'assigned')))).toBe('submitted');
    expect(lastOf(hold(story('submitted', 'triaged', 'assigned')))).toBe('triaged');
    // spam rejected before any assignment keeps its story; the next report is the one held assigned
    expect(lastOf(hold(story('submitted', 'triaged', 'rejected')))).toBe('rejected');
    expect(lastOf(hold(story('submitted', 'triaged', 'assigned', 'accepted')))).toBe('assigned');
  });
});
