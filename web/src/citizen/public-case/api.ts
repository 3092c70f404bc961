// One public report from GET /public/reports/:code: what the server lets anyone see (no
// reporter, personal data masked in every text, only re-encoded public photos).
import { useQuery } from '@tanstack/react-query';
import type { PublicCase } from '../../../../src/shared/cases';
import { get } from '../../api/client';

export function usePublicCase(code: string) {
  return useQuery({
    queryKey: ['public-case', code.toUpperCase()],
    queryFn: ({ signal }) => get<PublicCase>(`/public/reports/${encodeURIComponent(code)}`, undefined, signal),
  });
}
