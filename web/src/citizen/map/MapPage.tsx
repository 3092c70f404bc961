// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function MapPage() {
  return <Page title="MapPage">{null}</Page>;
}
