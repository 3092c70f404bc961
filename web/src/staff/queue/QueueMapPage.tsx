// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function QueueMapPage() {
  return <Page title="QueueMapPage">{null}</Page>;
}
