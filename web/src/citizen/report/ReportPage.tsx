// Placeholder: built by its feature.
import { Page } from '../../ui';

export default function ReportPage() {
  return <Page title="ReportPage">{null}</Page>;
}
