import { lazy, Suspense, useEffect, useRef, type ComponentType, type LazyExoticComponent } from 'react';
import { Loading } from './components/States';
import { Layout, type NavItem } from './layout/Layout';
import { useLocation } from './router';
import ComparePage from './pages/compare/ComparePage';

interface Route {
  path: string;
  title: string;
  /** Shown in the service navigation. */
  nav: boolean;
  page: ComponentType | LazyExoticComponent<ComponentType>;
}

/**
 * The pages. "Compare pilot councils" is the first page, so it is in the main bundle (its chart is
 * lazy); later pages (the role-based journeys) should be added with React.lazy.
 */
const ROUTES: Route[] = [{ path: '/', title: 'Compare pilot councils', nav: true, page: ComparePage }];

const NotFound = lazy(() => import('./pages/NotFound'));

export function App() {
  const { pathname } = useLocation();
  const route = ROUTES.find((r) => r.path === pathname);
  const Page = route?.page ?? NotFound;
  const navigation: NavItem[] = ROUTES.filter((r) => r.nav).map((r) => ({ href: r.path, text: r.title, current: r === route }));

  // On a change of page (not the first load), move focus to the main content, as a page load would.
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    document.getElementById('main-content')?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <Layout navigation={navigation}>
      <Suspense fallback={<Loading>Loading page…</Loading>}>
        <Page />
      </Suspense>
    </Layout>
  );
}
