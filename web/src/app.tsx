import { Suspense } from 'react';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { DESKS } from './desks.ts';
import { CONSOLE_BASE } from './links.ts';
import { Forbidden, Loading } from './components/ui.tsx';
import { ROLE_NAMES } from './i18n/zh.ts';
import { hasAnyRole, SessionProvider, useMe, useSession } from './session/session.tsx';
import { SignInPage } from './session/sign-in-page.tsx';

export function App() {
  return (
    <Router base={CONSOLE_BASE}>
      <SessionProvider>
        <Gate />
      </SessionProvider>
    </Router>
  );
}

function Gate() {
  const { state } = useSession();
  if (state.kind === 'loading') return <Loading what="登录信息" />;
  if (state.kind === 'signed-out') return <SignInPage notice={state.reason} />;
  return <Shell />;
}

function Shell() {
  const me = useMe();
  const { signOut } = useSession();
  const [location] = useLocation();
  const mine = DESKS.filter((d) => hasAnyRole(me, d.roles));
  const home = mine[0]?.path;
  return (
    <div className="shell">
      <header className="topbar">
        <Link href="/" className="brand">
          清廉 <small>消防救援支队廉政合规</small>
        </Link>
        <nav className="desk-nav" aria-label="工作台">
          {mine.map((d) => (
            <Link key={d.path} href={d.path} className={location.startsWith(d.path) ? 'active' : ''}>
              {d.title}
            </Link>
          ))}
        </nav>
        <div className="whoami">
          <span>
            {me.staff ? `${me.staff.name}（${me.staff.staffNo}）` : me.sub}
            <small> {me.roles.map((r) => ROLE_NAMES[r] ?? r).join('、')}</small>
          </span>
          <button type="button" className="link-button" onClick={() => signOut()}>
            退出
          </button>
        </div>
      </header>
      <main className="content">
        <Suspense fallback={<Loading what="工作台" />}>
          <Switch>
            {DESKS.map((d) => (
              <Route key={d.path} path={d.path} nest>
                {hasAnyRole(me, d.roles) ? <d.component /> : <Forbidden />}
              </Route>
            ))}
            <Route path="/">{home ? <Redirect to={home} replace /> : <Forbidden />}</Route>
            <Route>
              <p>没有这个页面。</p>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </div>
  );
}
