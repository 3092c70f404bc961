// Keyboard shortcuts for fast triage: j/k (and ↓/↑ within the list) move the selection, Enter
// opens the selected case's page, / goes to the search, ? shows the shortcuts. None of them
// fire while typing in a field, or with Ctrl, Alt or ⌘ held (the browser's own shortcuts).
import { useEffect, useRef } from 'react';

export interface QueueShortcuts {
  next(): void;
  previous(): void;
  open(): void;
  search(): void;
  help(): void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || Boolean(target.closest('input, textarea, select'));
}

/** Arrow keys scroll the page elsewhere: they move the selection only from within the list. */
function inList(target: EventTarget | null, list: HTMLElement | null): boolean {
  return target instanceof Node && list !== null && (list.contains(target) || target === document.body);
}

export function useQueueShortcuts(shortcuts: QueueShortcuts, list: React.RefObject<HTMLElement | null>) {
  const current = useRef(shortcuts);
  current.current = shortcuts;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      // an open dialog (the shortcuts themselves, a confirmation) has the keyboard to itself
      if (document.querySelector('dialog[open]')) return;
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      const actions = current.current;
      switch (event.key) {
        case 'j':
          return run(actions.next);
        case 'k':
          return run(actions.previous);
        case 'ArrowDown':
          if (inList(event.target, list.current)) run(actions.next);
          return;
        case 'ArrowUp':
          if (inList(event.target, list.current)) run(actions.previous);
          return;
        case 'Enter':
          // Enter on a link, a disclosure or another button keeps its meaning; on a row's code, it opens
          if (
            event.target instanceof HTMLElement &&
            event.target.closest('a, summary, [role="button"], button:not(.sq-select)')
          )
            return;
          return run(actions.open);
        case '/':
          return run(actions.search);
        case '?':
          return run(actions.help);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [list]);
}
