// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function AgencyPage() {
  return <Page title="AgencyPage">{null}</Page>;
}
