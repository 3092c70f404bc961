// The app's icons: one maintained set (lucide, ISC licence) instead of Unicode glyphs, which
// render differently on every phone. Icons only help: the words beside them carry the meaning,
// so each is hidden from assistive technology.
import {
  ArrowRight,
  CheckCheck,
  CircleCheck,
  CircleDashed,
  CircleDot,
  CircleHelp,
  CirclePause,
  Clock,
  Cog,
  GitMerge,
  type LucideIcon,
  RotateCcw,
  Star,
  TriangleAlert,
  X,
} from 'lucide-react';
import type { CaseState } from '../../../src/shared/cases';

export const STATE_ICONS: Record<CaseState, LucideIcon> = {
  submitted: CircleDot,
  triaged: CircleDashed,
  assigned: ArrowRight,
  in_progress: Cog,
  waiting_for_citizen: CircleHelp,
  resolved: CircleCheck,
  closed: CheckCheck,
  reopened: RotateCcw,
  rejected: X,
  merged: GitMerge,
};

export const DUE_ICONS = { due: Clock, overdue: TriangleAlert, paused: CirclePause } as const;

/** An icon beside words: sized to the text, hidden from screen readers. */
export function Icon({ of: Shape, size = '1em' }: { of: LucideIcon; size?: string | number }) {
  return <Shape className="icon" aria-hidden="true" size={size} strokeWidth={2} />;
}

/** A rating as five stars, the first `count` filled; the words beside it say the number. */
export function Stars({ count, of = 5 }: { count: number; of?: number }) {
  return (
    <span className="stars" aria-hidden="true">
      {Array.from({ length: of }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the stars are positions, never reordered
        <Star key={index} className="icon" size="1em" fill={index < count ? 'currentColor' : 'none'} />
      ))}
    </span>
  );
}
