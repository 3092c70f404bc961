// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function PublicCasePage() {
  return <Page title="PublicCasePage">{null}</Page>;
}
