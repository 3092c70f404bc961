// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function DashboardPage() {
  return <Page title="DashboardPage">{null}</Page>;
}
