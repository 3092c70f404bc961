// The citizen's own cases as the app asks for them: the list (newest first, by cursor), one
// case with its public timeline, and the two things a citizen does to a case: answer the
// city's question and rate the result.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CitizenCase } from '../../../../src/shared/cases';
import { ApiError, get, post } from '../../api/client';
import { fromSavedCopy, saveForOffline } from '../../api/offlineCache';
import { uploadForm } from '../../api/upload';

export const MY_REPORTS_KEY = ['my-reports'] as const;
const listKey = [...MY_REPORTS_KEY, 'list'] as const;
export const caseKey = (id: string) => [...MY_REPORTS_KEY, 'case', id] as const;

const PAGE_SIZE = 20;

interface ReportPage {
  items: CitizenCase[];
  next: string | null;
}

export function useMyReports() {
  return useInfiniteQuery({
    queryKey: listKey,
    queryFn: async ({ pageParam, signal }) => {
      const page = await get<ReportPage>('/me/reports', { limit: PAGE_SIZE, cursor: pageParam }, signal);
      // the first page is what an offline visit shows
      if (pageParam === undefined) saveForOffline('my-reports', { pages: [page], pageParams: [undefined] });
      return page;
    },
    ...fromSavedCopy<{ pages: ReportPage[]; pageParams: (string | undefined)[] }>('my-reports'),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useMyCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: ({ signal }) => get<CitizenCase>(`/me/reports/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** After an action: the answer is the case as it is now; the list shows its new state too. */
function useCaseAction<Input>(id: string, run: (input: Input) => Promise<CitizenCase>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (updated) => {
      client.setQueryData(caseKey(id), updated);
      void client.invalidateQueries({ queryKey: listKey });
    },
    // Someone acted meanwhile (409): what the citizen sees is out of date. Returned, so that
    // the failure is reported once the page already shows the case as it is now.
    onError: (error) =>
      error instanceof ApiError && error.status === 409
        ? client.invalidateQueries({ queryKey: caseKey(id) })
        : undefined,
  });
}

export interface ReplyInput {
  message: string;
  mediaIds: string[];
  version: number;
  /** false: only the city sees the answer (not the public case page). */
  isPublic: boolean;
}

export function useReply(id: string) {
  return useCaseAction(id, ({ message, mediaIds, version, isPublic }: ReplyInput) =>
    post<CitizenCase>(`/me/reports/${id}/reply`, { message, media: mediaIds, version, public: isPublic }),
  );
}

export interface RatingInput {
  rating: number;
  comment: string;
  fixed: boolean;
}

export function useRate(id: string) {
  return useCaseAction(id, ({ rating, comment, fixed }: RatingInput) =>
    post<CitizenCase>(`/me/reports/${id}/rating`, {
      rating,
      fixed,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    }),
  );
}

/** Uploads photos ahead of the reply that carries them; answers their ids in the same order. */
export async function uploadPhotos(files: File[], onProgress: (fraction: number) => void): Promise<string[]> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  const answer = await uploadForm<{ items: { id: string }[] }>('/media', form, { onProgress });
  return answer.items.map((item) => item.id);
}
