// The inbox as the app asks for it: pages newest first (by the id before which to continue),
// and marking read, one or all. Every key starts with INBOX_KEY so that one invalidation
// refreshes the list and the unread badge of the navigation bar together.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/client';
import { fromSavedCopy, saveForOffline } from '../../api/offlineCache';
import { INBOX_KEY } from './useUnreadCount';

/** One notification, as GET /me/notifications answers it (src/modules/notifications/routes.ts). */
export interface InboxItem {
  id: number;
  kind: string;
  title_vi: string;
  title_en: string;
  case_id: string | null;
  case_code: string | null;
  read: boolean;
  created_at: string;
}

interface InboxPage {
  items: InboxItem[];
  unread: number;
  next_before: number | null;
}

const PAGE_SIZE = 20;

export function useInbox(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: [...INBOX_KEY, 'list', { unreadOnly }],
    queryFn: async ({ pageParam, signal }) => {
      const page = await get<InboxPage>(
        '/me/notifications',
        { limit: PAGE_SIZE, before: pageParam, unread: unreadOnly ? true : undefined },
        signal,
      );
      // the first page of the whole inbox is what an offline visit shows
      if (pageParam === undefined && !unreadOnly) saveForOffline('inbox', { pages: [page], pageParams: [undefined] });
      return page;
    },
    ...(unreadOnly ? {} : fromSavedCopy<{ pages: InboxPage[]; pageParams: (number | undefined)[] }>('inbox')),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next_before ?? undefined,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (which: number[] | 'all') =>
      post<{ marked: number }>('/me/notifications/read', which === 'all' ? { all: true } : { ids: which }),
    // in the hook's options, not mutate's: this runs even when the page has been left meanwhile
    onSuccess: () => client.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

/** Citizens' notifications about a case open its page; staff work items live in the console. */
export function caseLinkOf(item: InboxItem): string | null {
  return item.case_id && !item.kind.startsWith('work.') ? `/reports/${item.case_id}` : null;
}
