// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function MyReportsPage() {
  return <Page title="MyReportsPage">{null}</Page>;
}
