// Placeholder: the staff view of one case (media, timeline, contact, duplicates, actions),
// used by the case page and by the queue's detail pane.
export function StaffCaseView({ caseId }: { caseId: string; onChanged?: () => void }) {
  return <p>{caseId}</p>;
}
