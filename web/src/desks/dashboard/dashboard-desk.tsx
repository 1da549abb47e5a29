import { PageHeader } from '../../components/ui.tsx';

export default function Desk() {
  return <PageHeader title="工作概览" />;
}
