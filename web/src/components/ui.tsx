import { useId, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </header>
  );
}

export function Loading({ what = '数据' }: { what?: string }) {
  return (
    <p className="muted" role="status">
      正在加载{what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A failed request, with every problem the server named (RFC 9457 `errors`). */
export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    const { problem } = error;
    return (
      <div className="alert" role="alert">
        <strong>{problem.status === 403 ? '无权操作' : '操作未成功'}</strong>：
        {problem.detail || problem.title}
        {problem.errors?.length ? (
          <ul>
            {problem.errors.map((e) => (
              <li key={`${e.path}:${e.message}`}>
                <code>{e.path}</code> {e.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  return (
    <div className="alert" role="alert">
      <strong>出错了</strong>：{error instanceof Error ? error.message : String(error)}
    </div>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: string; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function Card({
  title,
  children,
  actions,
}: {
  title?: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="card">
      {title || actions ? (
        <div className="card-head">
          {title ? <h2>{title}</h2> : null}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

/** A labelled form control. */
export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint ? <span className="field-hint">{hint}</span> : null}
    </label>
  );
}

export function Forbidden() {
  return (
    <div className="forbidden" role="alert">
      <h1>无权访问</h1>
      <p>您的角色不能使用此功能。如需使用，请联系系统管理员。</p>
    </div>
  );
}
