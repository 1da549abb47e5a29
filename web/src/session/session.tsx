import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setUnauthorizedHandler } from '../api/client.ts';
import { clearToken, readToken, storeToken } from './token-store.ts';

export type Role = 'admin' | 'hr' | 'discipline' | 'investigator' | 'staff';

export interface WhoAmI {
  sub: string;
  roles: Role[];
  staff: { staffNo: string; name: string; unit: string; category: string } | null;
}

type State =
  { kind: 'loading' } | { kind: 'signed-out'; reason?: string } | { kind: 'signed-in'; me: WhoAmI };

interface SessionValue {
  state: State;
  signIn(token: string): Promise<void>;
  signOut(reason?: string): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>(() =>
    readToken() ? { kind: 'loading' } : { kind: 'signed-out' },
  );

  const signOut = useCallback((reason?: string) => {
    clearToken();
    setState({ kind: 'signed-out', reason });
  }, []);

  const signIn = useCallback(async (token: string) => {
    storeToken(token);
    try {
      setState({ kind: 'signed-in', me: await api<WhoAmI>('/api/v1/me') });
    } catch (error) {
      clearToken();
      throw error;
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => signOut('登录已失效，请重新登录'));
    if (readToken()) {
      api<WhoAmI>('/api/v1/me')
        .then((me) => setState({ kind: 'signed-in', me }))
        .catch(() => signOut('登录已失效，请重新登录'));
    }
  }, [signOut]);

  return <SessionContext.Provider value={{ state, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in caller; only for components rendered behind the sign-in gate. */
export function useMe(): WhoAmI {
  const { state } = useSession();
  if (state.kind !== 'signed-in') throw new Error('useMe before sign-in');
  return state.me;
}

export const hasAnyRole = (me: WhoAmI, roles: readonly Role[]) => me.roles.some((r) => roles.includes(r));
