// The marks inside map markers, as SVG text: Leaflet's markers are HTML strings, so the
// app's React icons cannot be used there. The shapes are lucide's (ISC licence), the same set
// as web/src/ui/icons.tsx, so a marker and the legend or list beside it look alike.
const svg = (body: string) =>
  `<svg class="icon" xmlns="http://www.w3.org/2000/svg" width="1em" height="1em" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const MARKER_GLYPHS = {
  /** lucide "check": done */
  check: svg('<path d="M20 6 9 17l-5-5"/>'),
  /** lucide "exclamation-mark": still open */
  alert: svg('<path d="M12 15V4"/><path d="M12 20h.01"/>'),
  /** lucide "triangle-alert": overdue */
  overdue: svg(
    '<path d="m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3"/><path d="M12 9v4"/><path d="M12 17h.01"/>',
  ),
  /** lucide "chevrons-up": urgent */
  urgent: svg('<path d="m17 11-5-5-5 5"/><path d="m17 18-5-5-5 5"/>'),
  /** a filled dot: open */
  open: svg('<circle cx="12" cy="12" r="5" fill="currentColor"/>'),
} as const;
