// The outcome of a change, said once where the administrator lands afterwards ("Saved …"):
// carried in the navigation's state, announced politely, gone on the next navigation.
import { useLocation } from 'react-router';

export interface NoticeState {
  notice?: string;
}

export function Notice() {
  const location = useLocation();
  const notice = (location.state as NoticeState | null)?.notice;
  return (
    <div role="status" className="adm-notice-slot">
      {notice && <p className="success">{notice}</p>}
    </div>
  );
}
