// The staff side of one case as the console asks for it: the case with its whole timeline and
// the suggestion, its duplicate candidates and the actions (each carrying the version the staff
// member saw). The reference data its forms offer is the shared one (api/reference.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseState, StaffCase } from '../../../../src/shared/cases';
import { get, post } from '../../api/client';
import { uploadForm } from '../../api/upload';
import { ACTION_PATHS, type StaffAction } from './caseActions';

export const STAFF_CASE_KEY = ['staff-case'] as const;
export const staffCaseKey = (id: string) => [...STAFF_CASE_KEY, id] as const;
/** The agency workspace's lists and figures: refreshed after any action on a case. */
export const AGENCY_LISTS_KEY = ['agency'] as const;

export function useStaffCase(id: string) {
  return useQuery({
    queryKey: staffCaseKey(id),
    queryFn: ({ signal }) => get<StaffCase>(`/cases/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export interface DuplicateCandidate {
  case_id: string;
  code: string;
  score: number;
  text_similarity: number;
  distance_m: number;
  state: CaseState;
  category: string | null;
  created_at: string;
  description: string;
}

export interface DuplicateSearch {
  radius: number;
  days: number;
}

export function useDuplicates(id: string, search: DuplicateSearch, enabled: boolean) {
  return useQuery({
    queryKey: [...staffCaseKey(id), 'duplicates', search],
    queryFn: ({ signal }) =>
      get<{ items: DuplicateCandidate[] }>(
        `/cases/${encodeURIComponent(id)}/duplicates`,
        { radius: search.radius, days: search.days, limit: 10 },
        signal,
      ),
    enabled,
  });
}

/** A case action answers the case without its timeline: merge it in, then fetch the whole again. */
export function useCaseAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: StaffAction; body: Record<string, unknown> }) =>
      post<StaffCase>(`/cases/${encodeURIComponent(id)}/${ACTION_PATHS[action]}`, body),
    onSuccess: (updated) => {
      client.setQueryData<StaffCase>(staffCaseKey(id), (old) => (old ? { ...old, ...updated } : old));
    },
    onSettled: () => client.invalidateQueries({ queryKey: staffCaseKey(id) }),
  });
}

/** Proof photos go up before the resolution that names them; answers their ids in order. */
export async function uploadProofPhotos(files: File[], onProgress: (fraction: number) => void): Promise<string[]> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  const answer = await uploadForm<{ items: { id: string }[] }>('/media', form, { onProgress });
  return answer.items.map((item) => item.id);
}
