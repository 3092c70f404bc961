// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function CasePage() {
  return <Page title="CasePage">{null}</Page>;
}
