import { lazy, Suspense, useEffect, useRef, type ComponentType, type LazyExoticComponent } from 'react';
import { ADMIN_PATHS } from './pages/admin/paths';
import { journeysFor, JOURNEY_PATHS, type Journey } from './auth/roles';
import { useSession } from './auth/session';
import { Loading } from './components/States';
import { Layout, type NavItem } from './layout/Layout';
import { navigate, useLocation } from './router';
import ComparePage from './pages/compare/ComparePage';
import SignInPage from './pages/signin/SignInPage';

interface Route {
  path: string;
  title: string;
  /** The journey this page is (shown in the service navigation to the roles that have it). */
  journey?: Journey;
  /** Administrators only; reached from the account area's "Administration" link, not the service navigation. */
  admin?: boolean;
  /** Open without signing in. */
  open?: boolean;
  page: ComponentType | LazyExoticComponent<ComponentType>;
}

/**
 * The pages. "Compare pilot councils" and sign-in are in the main bundle (the first pages people
 * see); the other journeys load on demand, and every chart loads its own chunk.
 */
const ROUTES: Route[] = [
  { path: JOURNEY_PATHS.compare, title: 'Compare pilots', journey: 'compare', page: ComparePage },
  {
    path: JOURNEY_PATHS.shortages,
    title: 'Shortage monitor',
    journey: 'shortages',
    page: lazy(() => import('./pages/shortages/ShortagesPage')),
  },
  {
    path: JOURNEY_PATHS.benchmark,
    title: 'My benchmark',
    journey: 'benchmark',
    page: lazy(() => import('./pages/benchmark/BenchmarkPage')),
  },
  {
    path: JOURNEY_PATHS.returns,
    title: 'Returns',
    journey: 'returns',
    page: lazy(() => import('./pages/returns/ReturnsPage')),
  },
  {
    path: JOURNEY_PATHS.payments,
    title: 'Payments',
    journey: 'payments',
    page: lazy(() => import('./pages/payments/PaymentsPage')),
  },
  { path: ADMIN_PATHS.users, title: 'Users', admin: true, page: lazy(() => import('./pages/admin/UsersPage')) },
  {
    path: ADMIN_PATHS.organisations,
    title: 'Organisations',
    admin: true,
    page: lazy(() => import('./pages/admin/OrganisationsPage')),
  },
  { path: ADMIN_PATHS.audit, title: 'Audit log', admin: true, page: lazy(() => import('./pages/admin/AuditPage')) },
  { path: '/councils', title: 'Every council', page: lazy(() => import('./pages/councils/CouncilTablePage')) },
  { path: '/sign-in', title: 'Sign in', open: true, page: SignInPage },
  { path: '/sign-out', title: 'Sign out', open: true, page: lazy(() => import('./pages/signin/SignOutPage')) },
];

const NotFound = lazy(() => import('./pages/NotFound'));
const NotAllowed = lazy(() => import('./pages/NotAllowed'));

export function App() {
  const { pathname, search } = useLocation();
  const session = useSession();
  const route = ROUTES.find((r) => r.path === pathname);
  const journeys = session ? journeysFor(session.user.role) : [];
  const mustSignIn = !session && !(route?.open ?? false) && route !== undefined;
  const allowed = route?.admin ? session?.user.role === 'admin' : !route?.journey || journeys.includes(route.journey);

  // Signed out (or the token expired): the sign-in page, then back here.
  useEffect(() => {
    if (mustSignIn) navigate(`/sign-in?next=${encodeURIComponent(`${pathname}${search}`)}`, { replace: true });
  }, [mustSignIn, pathname, search]);

  const Page = mustSignIn ? null : !route ? NotFound : !allowed ? NotAllowed : route.page;
  const navigation: NavItem[] = ROUTES.filter((r) => r.journey && journeys.includes(r.journey))
    .sort((a, b) => journeys.indexOf(a.journey as Journey) - journeys.indexOf(b.journey as Journey))
    .map((r) => ({ href: r.path, text: r.title, current: r === route }));

  // On a change of page (not the first load), move focus to the main content, as a page load would.
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    document.getElementById('main-content')?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <Layout navigation={navigation} session={session}>
      <Suspense fallback={<Loading>Loading page…</Loading>}>
        {Page ? <Page /> : <Loading>Going to sign in…</Loading>}
      </Suspense>
    </Layout>
  );
}
