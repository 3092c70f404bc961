// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function QueuePage() {
  return <Page title="QueuePage">{null}</Page>;
}
