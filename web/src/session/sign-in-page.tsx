import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import { Field, ProblemAlert } from '../components/ui.tsx';
import { ROLE_NAMES } from '../i18n/zh.ts';
import { useSession, type Role } from './session.tsx';

interface DevIdentities {
  roles: Role[];
  staff: { staffNo: string; name: string; unit: string }[];
}

/** Sign in by pasting a token (from the identity provider or `npm run token`), or, on a server with its
 *  own local secret, by choosing a role on the development sign-in. */
export function SignInPage({ notice }: { notice?: string | undefined }) {
  const { signIn } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [dev, setDev] = useState<DevIdentities | null>(null);

  useEffect(() => {
    api<DevIdentities>('/auth/dev-sign-in', { anonymous: true })
      .then(setDev)
      .catch(() => setDev(null));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(token.trim());
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? new Error('令牌无效或已过期') : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <h1>清廉 · 登录</h1>
      {notice ? <p className="notice">{notice}</p> : null}
      <form onSubmit={submit} className="card">
        <Field label="访问令牌" hint="由统一身份认证或系统管理员签发">
          <textarea
            name="token"
            rows={4}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
            autoComplete="off"
          />
        </Field>
        <button type="submit" disabled={busy || !token.trim()}>
          登录
        </button>
      </form>
      <ProblemAlert error={error} />
      {dev ? <DevSignIn identities={dev} onError={setError} /> : null}
    </div>
  );
}

function DevSignIn({ identities, onError }: { identities: DevIdentities; onError: (e: unknown) => void }) {
  const { signIn } = useSession();
  const [staffNo, setStaffNo] = useState(identities.staff[0]?.staffNo ?? '');

  const as = async (role: Role) => {
    onError(undefined);
    try {
      const sub = role === 'staff' ? staffNo : `dev-${role}`;
      const { token } = await api<{ token: string }>('/auth/dev-sign-in', {
        method: 'POST',
        anonymous: true,
        body: { roles: [role], sub },
      });
      await signIn(token);
    } catch (err) {
      onError(err);
    }
  };

  return (
    <section className="card dev-sign-in" aria-label="开发环境登录">
      <h2>开发环境登录</h2>
      <p className="muted">本服务器使用本机密钥签发令牌，可直接以某一角色登录。生产环境不提供此入口。</p>
      <Field label="以干部职工身份登录时的人员">
        <select name="staffNo" value={staffNo} onChange={(e) => setStaffNo(e.target.value)}>
          {identities.staff.map((s) => (
            <option key={s.staffNo} value={s.staffNo}>
              {s.staffNo} {s.name}（{s.unit}）
            </option>
          ))}
        </select>
      </Field>
      <div className="button-row">
        {identities.roles.map((role) => (
          <button
            key={role}
            type="button"
            data-role={role}
            disabled={role === 'staff' && !staffNo}
            onClick={() => void as(role)}
          >
            {ROLE_NAMES[role] ?? role}
          </button>
        ))}
      </div>
    </section>
  );
}
