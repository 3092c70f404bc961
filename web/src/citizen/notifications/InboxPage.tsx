// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function InboxPage() {
  return <Page title="InboxPage">{null}</Page>;
}
