// The unread count shown on the navigation bar; refreshed now and then while the app is open.
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';

export const INBOX_KEY = ['inbox'] as const;

export function useUnreadCount(signedIn: boolean): number {
  const query = useQuery({
    queryKey: [...INBOX_KEY, 'unread'],
    queryFn: () => get<{ unread: number }>('/me/notifications', { limit: 1 }),
    enabled: signedIn,
    refetchInterval: 60_000,
  });
  return signedIn ? (query.data?.unread ?? 0) : 0;
}
