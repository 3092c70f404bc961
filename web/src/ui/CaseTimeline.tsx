// The history of a case, newest first, for the three who read it: the reporting citizen, the
// public and staff. What happened (one title per event type, from the shared contract), when,
// who acted (staff see names of staff; citizens and the public see roles only), the message,
// what the event changed, and its media. Staff also see whether each entry is public or
// internal and the state it moved the case to.

import type { TFunction } from 'i18next';
import { Globe, Lock } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../src/shared/case-events';
import { formatDateTime, localName } from './format';
import { Icon } from './icons';

export type TimelineAudience = 'citizen' | 'public' | 'staff';

// Each view keeps its own look (its stylesheet's classes); the words and the logic are one.
const LOOK = {
  citizen: { list: 'mr-timeline', item: 'mr-timeline-event', title: 'mr-event-title', meta: 'mr-event-meta' },
  public: { list: 'pc-timeline', item: 'pc-event', title: 'pc-event-title', meta: 'pc-event-meta' },
  staff: { list: 'sc-timeline', item: 'sc-event', title: 'sc-event-title', meta: 'sc-event-meta' },
} as const;
const PREFIX = { citizen: 'mr', public: 'pc', staff: 'sc' } as const;

const STAFF_ROLES = new Set(['operator', 'agency_staff', 'agency_admin', 'admin']);

function actorText(event: TimelineEvent, audience: TimelineAudience, t: TFunction<'timeline'>): string {
  const role = event.actor_role;
  if (role === 'citizen') return t('actors.citizen');
  if (!role || !STAFF_ROLES.has(role)) return t('actors.system');
  if (audience !== 'staff') return t(`actors.${role === 'admin' || role === 'operator' ? role : 'agency'}`);
  // a citizen's name is personal data the timeline does not need: their role says enough
  return event.actor_name ? `${t(`actors.${role}`)} · ${event.actor_name}` : t(`actors.${role}`);
}

interface LineContext {
  audience: TimelineAudience;
  t: TFunction<'timeline'>;
  caseLink: (code: string) => ReactNode;
  categoryName: (code: string) => string | null;
}

/** What the event changed, in words: one function over the shared union, every type handled. */
function detailLines(event: TimelineEvent, { audience, t, caseLink, categoryName }: LineContext): ReactNode[] {
  const staff = audience === 'staff';
  const due = (when: string | null) => (staff && when ? [t('details.dueAt', { when: formatDateTime(when) })] : []);
  const priority = (level: string) => t(`case:priority.${level}`);
  switch (event.type) {
    case 'assigned': {
      const { agency, due_at, explanation } = event.details;
      return [
        ...(agency ? [t('details.toAgency', { agency: localName(agency) })] : []),
        ...due(due_at),
        ...(staff && explanation ? [explanation] : []),
      ];
    }
    case 'transferred': {
      const { agency } = event.details;
      if (agency) return [t('details.toAgency', { agency: localName(agency) })];
      return staff ? [t('details.backToIoc')] : [];
    }
    case 'triaged':
    case 'categorized': {
      if (!staff) return [];
      const details: { category?: string | null; previous_category?: string | null } & {
        priority?: string;
        previous_priority?: string;
      } = event.details;
      const lines: ReactNode[] = [];
      if (details.category) {
        const from = details.previous_category ? categoryName(details.previous_category) : null;
        lines.push(
          from && details.previous_category !== details.category
            ? t('details.categoryChanged', { from, to: categoryName(details.category) })
            : t('details.category', { category: categoryName(details.category) }),
        );
      }
      if (details.priority) {
        lines.push(
          details.previous_priority && details.previous_priority !== details.priority
            ? t('details.priorityChanged', {
                from: priority(details.previous_priority),
                to: priority(details.priority),
              })
            : t('details.priority', { priority: priority(details.priority) }),
        );
      }
      return lines;
    }
    case 'rated': {
      const { rating, fixed } = event.details;
      return [`${t('details.rating', { count: rating })}${fixed ? '' : ` · ${t('details.notFixed')}`}`];
    }
    case 'merged':
      return [
        <>
          {t('details.mergedInto')} {caseLink(event.details.into_code)}
        </>,
      ];
    case 'merge_received':
      return [
        <>
          {t('details.mergedFrom')} {caseLink(event.details.from_code)}
        </>,
      ];
    case 'reminded':
    case 'escalated':
      return due(event.details.due_at);
    case 'auto_closed':
      return [t('details.afterDays', { count: event.details.after_days })];
    case 'submitted':
    case 'accepted':
    case 'info_requested':
    case 'citizen_replied':
    case 'resolved':
    case 'rejected':
    case 'note':
    case 'supported':
    case 'commented':
      return [];
    default:
      return [String(event satisfies never)];
  }
}

export interface CaseTimelineProps {
  events: TimelineEvent[];
  audience: TimelineAudience;
  /** The event's media as this view shows them; `title` names the event for their labels. */
  media: (event: TimelineEvent, title: string) => ReactNode;
  /** Another case, named by its code (merges), as this view links to it. */
  caseLink: (code: string) => ReactNode;
  /** Category codes in words (staff see category changes). */
  categoryName?: (code: string) => string | null;
}

export function CaseTimeline({ events, audience, media, caseLink, categoryName = (c) => c }: CaseTimelineProps) {
  // staff read the states and priorities in the console's own words (its 'case' namespace)
  const { t } = useTranslation(audience === 'staff' ? ['timeline', 'case'] : ['timeline']);
  const look = LOOK[audience];
  const prefix = PREFIX[audience];
  if (events.length === 0) return <p className="muted">{t('empty')}</p>;
  return (
    <ol className={`case-timeline ${look.list}`}>
      {[...events].reverse().map((event) => {
        const title = t(`events.${event.type}`, { defaultValue: t('events.other') });
        const lines = detailLines(event, { audience, t, caseLink, categoryName });
        const visibility = event.public ? 'public' : 'internal';
        return (
          <li
            key={event.id}
            className={`case-event case-event-${event.type} ${look.item}${audience === 'staff' ? ` sc-event-${visibility}` : ''}`}
          >
            <p className={look.title}>
              <strong>{title}</strong>
              {audience === 'staff' && (
                <>
                  {' '}
                  <span className={`chip sc-visibility sc-${visibility}`}>
                    <Icon of={event.public ? Globe : Lock} /> {t(`visibility.${visibility}`)}
                  </span>
                </>
              )}
            </p>
            <p className={`${look.meta} muted`}>
              <time dateTime={event.at}>{formatDateTime(event.at)}</time> · {actorText(event, audience, t)}
              {audience === 'staff' && event.to_state && event.from_state !== event.to_state && (
                <>
                  {' · '}
                  {event.from_state
                    ? t('stateChange', {
                        from: t(`case:states.${event.from_state}`),
                        to: t(`case:states.${event.to_state}`),
                      })
                    : t('stateSet', { state: t(`case:states.${event.to_state}`) })}
                </>
              )}
            </p>
            {event.message && <p className={`${prefix}-event-message`}>{event.message}</p>}
            {lines.length > 0 &&
              (audience === 'staff' ? (
                <ul className="sc-event-details">
                  {lines.map((line, index) => (
                    // the lines of one event never reorder
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed order within one event
                    <li key={index}>{line}</li>
                  ))}
                </ul>
              ) : (
                lines.map((line, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: fixed order within one event
                  <p key={index} className={`${prefix}-event-detail`}>
                    {line}
                  </p>
                ))
              ))}
            {media(event, title)}
          </li>
        );
      })}
    </ol>
  );
}
