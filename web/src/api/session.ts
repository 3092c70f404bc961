// Who is signed in. The session is an httpOnly cookie: the app only asks the server.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../src/shared/accounts';
import { ApiError, get, post } from './client';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await get<Me>('/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await post('/auth/sign-out').catch(() => undefined);
    client.clear();
    client.setQueryData(ME_KEY, null);
  };
}
