// Who is signed in. The session is an httpOnly cookie: the app only asks the server.
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../src/shared/accounts';
import { ApiError, get, post } from './client';
import { forgetOfflineCopies, fromSavedCopy, saveForOffline } from './offlineCache';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await get<Me>('/me');
    saveForOffline('me', me);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetOfflineCopies();
      return null;
    }
    throw error;
  }
}

export function useMe() {
  // opened offline, the app knows who was signed in on this device (the server is asked again)
  return useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    staleTime: 5 * 60_000,
    retry: false,
    ...fromSavedCopy<Me>('me'),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await post('/auth/sign-out').catch(() => undefined);
    signedInAs(client, null);
  };
}

/**
 * Records who is now signed in and forgets what the previous person's queries held.
 * (The cache is not cleared wholesale: screens observing ['me'] must see the change.)
 */
export function signedInAs(client: QueryClient, me: Me | null): void {
  forgetOfflineCopies();
  if (me) saveForOffline('me', me);
  client.setQueryData(ME_KEY, me);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
}
