// What the citizen last saw of their own lists (who they are, their reports, their inbox),
// kept on the device so that the app opened offline shows it, marked as saved at a time,
// instead of waiting for ever. Forgotten when someone signs out or another person signs in.
const PREFIX = 'citypulse.cache.';

export interface Saved<T> {
  savedAt: number;
  data: T;
}

export function saveForOffline<T>(name: string, data: T): void {
  try {
    localStorage.setItem(PREFIX + name, JSON.stringify({ savedAt: Date.now(), data } satisfies Saved<T>));
  } catch {
    // storage full or refused (private mode): the app works without it
  }
}

export function savedForOffline<T>(name: string): Saved<T> | undefined {
  try {
    const text = localStorage.getItem(PREFIX + name);
    return text ? (JSON.parse(text) as Saved<T>) : undefined;
  } catch {
    return undefined;
  }
}

export function forgetOfflineCopies(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // nothing kept
  }
}

/**
 * Options that show a query's saved copy while the server has not answered (for ever,
 * offline). A placeholder, not initial data: the server is always asked, and its answer wins.
 */
export function fromSavedCopy<T>(name: string): { placeholderData?: T } {
  const saved = savedForOffline<T>(name);
  return saved ? { placeholderData: saved.data } : {};
}
