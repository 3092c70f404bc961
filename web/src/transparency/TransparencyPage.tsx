// Placeholder: built by its feature.
import { Page } from '../ui';

export default function TransparencyPage() {
  return <Page title="TransparencyPage">{null}</Page>;
}
