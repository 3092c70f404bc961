// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function AdminPage() {
  return <Page title="AdminPage">{null}</Page>;
}
