import { useEffect } from 'react';
import { signOut } from '../../auth/session';
import { Loading } from '../../components/States';
import { clearQueryCache } from '../../graphql/useQuery';
import { navigate } from '../../router';

/** Forgets the token and every answer, then shows the sign-in page. */
export default function SignOutPage() {
  useEffect(() => {
    clearQueryCache();
    signOut();
    navigate('/sign-in', { replace: true });
  }, []);
  return <Loading>Signing out…</Loading>;
}
