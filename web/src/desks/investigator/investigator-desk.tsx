import { PageHeader } from '../../components/ui.tsx';

export default function Desk() {
  return <PageHeader title="关系图谱" />;
}
