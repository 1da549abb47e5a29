import { Link, Route, Switch, useLocation } from 'wouter';
import { DeclarationList } from './declaration-list.tsx';
import { DeclarationReview } from './declaration-review.tsx';
import { FindingForm } from './finding-form.tsx';
import { FindingList } from './finding-list.tsx';
import { FindingPage } from './finding-page.tsx';
import { FlagPage } from './flag-page.tsx';
import { FlagQueue } from './flag-queue.tsx';
import './discipline.css';

const SECTIONS = [
  { href: '/', title: '线索队列', match: (l: string) => l === '/' || l.startsWith('/flags') },
  { href: '/declarations', title: '申报审核', match: (l: string) => l.startsWith('/declarations') },
  { href: '/findings', title: '问责记录', match: (l: string) => l.startsWith('/findings') },
];

/** 问题线索: the discipline office's flag queue, declaration review and accountability findings. */
export default function DisciplineDesk() {
  const [location] = useLocation();
  return (
    <div className="discipline-desk">
      <nav className="sub-nav" aria-label="问题线索">
        {SECTIONS.map((s) => (
          <Link key={s.href} href={s.href} className={s.match(location) ? 'active' : ''}>
            {s.title}
          </Link>
        ))}
      </nav>
      <Switch>
        <Route path="/">
          <FlagQueue />
        </Route>
        <Route path="/flags/:id">{(p) => <FlagPage key={p.id} id={p.id} />}</Route>
        <Route path="/declarations">
          <DeclarationList />
        </Route>
        <Route path="/declarations/:staffNo/:year">
          {(p) => <DeclarationReview key={`${p.staffNo}/${p.year}`} staffNo={p.staffNo} year={p.year} />}
        </Route>
        <Route path="/findings">
          <FindingList />
        </Route>
        <Route path="/findings/new">
          <FindingForm />
        </Route>
        <Route path="/findings/:id">{(p) => <FindingPage key={p.id} id={p.id} />}</Route>
        <Route>
          <p>没有这个页面。</p>
        </Route>
      </Switch>
    </div>
  );
}
