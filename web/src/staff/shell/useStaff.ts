// The signed-in staff member, for screens inside StaffLayout (which guarantees one).
import { useOutletContext } from 'react-router';
import type { Me } from '../../../../src/shared/accounts';

export function useStaff(): Me {
  return useOutletContext<Me>();
}
