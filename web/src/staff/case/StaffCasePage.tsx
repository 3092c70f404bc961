// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function StaffCasePage() {
  return <Page title="StaffCasePage">{null}</Page>;
}
