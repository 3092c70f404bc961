// A merged case names the case that survives by its code; the console opens cases by id, so
// the code is looked up in the queue (which also says whether this staff member may see it).
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { StaffCase } from '../../../../src/shared/cases';
import { get } from '../../api/client';

export function MergedIntoLink({ code }: { code: string }) {
  const found = useQuery({
    queryKey: ['staff-case-by-code', code],
    queryFn: ({ signal }) => get<{ items: StaffCase[] }>('/cases', { q: code, limit: 1 }, signal),
    staleTime: 5 * 60_000,
  });
  const target = found.data?.items.find((item) => item.code === code);
  if (!target) return <span className="sc-code">{code}</span>;
  return (
    <Link to={`/staff/cases/${target.id}`} className="sc-code">
      {code}
    </Link>
  );
}
