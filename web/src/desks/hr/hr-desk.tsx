import { Link, Route, Switch, useLocation } from 'wouter';
import { PageHeader } from '../../components/ui.tsx';
import { CertificatesPage } from './certificates-page.tsx';
import { PlanPage } from './plan-page.tsx';
import { PlansPage } from './plans-page.tsx';
import { RotationDuePage } from './rotation-due-page.tsx';
import './hr.css';

const SECTIONS = [
  { href: '/', title: '轮岗到期' },
  { href: '/certificates', title: '证书到期' },
  { href: '/plans', title: '轮岗方案' },
] as const;

/** 轮岗与资格: the HR office's desk (roles hr, admin). */
export default function HrDesk() {
  const [location] = useLocation();
  const active = (href: string) => (href === '/' ? location === '/' : location.startsWith(href));
  return (
    <>
      <PageHeader title="轮岗与资格" />
      <nav className="sub-nav" aria-label="轮岗与资格">
        {SECTIONS.map((s) => (
          <Link
            key={s.href}
            href={s.href}
            className={active(s.href) ? 'active' : ''}
            aria-current={active(s.href) ? 'page' : undefined}
          >
            {s.title}
          </Link>
        ))}
      </nav>
      <Switch>
        <Route path="/">
          <RotationDuePage />
        </Route>
        <Route path="/certificates">
          <CertificatesPage />
        </Route>
        <Route path="/plans">
          <PlansPage />
        </Route>
        <Route path="/plans/:id">{(p) => <PlanPage key={p.id} id={Number(p.id)} />}</Route>
        <Route>
          <p>没有这个页面。</p>
        </Route>
      </Switch>
    </>
  );
}
