import { lazy, Suspense, useState } from 'react';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { clearSession, readSession, type Session } from './api/session.ts';
import { PageErrorBoundary } from './components/error-boundary.tsx';
import { Loading } from './components/states.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { WorkspacePickerPage } from './pages/workspace-picker.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { LivePage } from './pages/live.tsx';
import { EventsPage } from './pages/events.tsx';
import { EventDetailPage } from './pages/event-detail.tsx';
import { WriteKeysPage } from './pages/write-keys.tsx';
import { DestinationsPage } from './pages/destinations.tsx';
import { RetentionPage } from './pages/retention.tsx';

// Pages with editors or many tables are split out: most visits never open them.
const ContractsPage = lazy(() => import('./pages/contracts.tsx'));
const TransformationsPage = lazy(() => import('./pages/transformations.tsx'));
const AttributionPage = lazy(() => import('./pages/attribution.tsx'));
const PartnerDetailPage = lazy(() => import('./pages/attribution/partner-detail.tsx'));
const PartnerPortalPage = lazy(() => import('./pages/partner-portal.tsx').then((m) => ({ default: m.PartnerPortalPage })));
const StripePage = lazy(() => import('./pages/stripe.tsx'));
const RegulationsPage = lazy(() => import('./pages/regulations.tsx'));

const NAV = [
  ['overview', 'Overview'],
  ['live', 'Live'],
  ['events', 'Incoming / Events'],
  ['write-keys', 'Write keys'],
  ['contracts', 'Contracts'],
  ['transformations', 'Transformations'],
  ['destinations', 'Destinations'],
  ['attribution', 'Attribution'],
  ['stripe', 'Stripe'],
  ['retention', 'Retention'],
  ['privacy', 'Privacy requests'],
] as const;

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { ws = '' } = useParams();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  return (
    <div className="shell">
      <header className="topbar">
        <button type="button" className="menu-button" aria-expanded={open} aria-controls="nav" onClick={() => setOpen(!open)}>
          Menu
        </button>
        <span className="brand">Tributary</span>
        <NavLink to="/workspaces" className="workspace-chip" title="Switch workspace">
          {ws.slice(0, 8)}…
        </NavLink>
        <button type="button" className="link-button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav id="nav" className={open ? 'nav open' : 'nav'} aria-label="Console">
        {NAV.map(([path, label]) => (
          <NavLink key={path} to={`/w/${ws}/${path}`} onClick={() => setOpen(false)}>
            {label}
          </NavLink>
        ))}
      </nav>
      <main className="content">
        <PageErrorBoundary resetKey={pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </main>
    </div>
  );
}

/** Routes: sign in, pick a workspace, then one page per capability under `/w/{workspace}/`. */
export function App() {
  const [session, setSession] = useState<Session | null>(readSession);
  const navigate = useNavigate();
  const location = useLocation();
  const signOut = () => {
    clearSession();
    setSession(null);
    navigate('/sign-in');
  };
  // The partner portal has its own sign-in (a login link) and never uses the admin session.
  if (location.pathname === '/partners' || location.pathname.startsWith('/partners/')) {
    return (
      <Suspense fallback={<Loading />}>
        <PartnerPortalPage />
      </Suspense>
    );
  }
  if (!session) {
    return (
      <Routes>
        <Route path="*" element={<SignInPage onSignedIn={setSession} />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage onSignedIn={setSession} />} />
      <Route path="/workspaces" element={<WorkspacePickerPage session={session} onPicked={setSession} onSignOut={signOut} />} />
      <Route path="/w/:ws" element={<Shell onSignOut={signOut} />}>
        <Route index element={<Navigate to="overview" replace />} />
        <Route path="overview" element={<OverviewPage />} />
        <Route path="live" element={<LivePage token={session.token} />} />
        <Route path="events" element={<EventsPage />} />
        <Route path="events/:eventId" element={<EventDetailPage />} />
        <Route path="write-keys" element={<WriteKeysPage />} />
        <Route path="contracts" element={<ContractsPage />} />
        <Route path="transformations" element={<TransformationsPage />} />
        <Route path="destinations" element={<DestinationsPage />} />
        <Route path="attribution" element={<AttributionPage />} />
        <Route path="attribution/partners/:collaboratorId" element={<PartnerDetailPage />} />
        <Route path="stripe" element={<StripePage />} />
        <Route path="retention" element={<RetentionPage />} />
        <Route path="privacy" element={<RegulationsPage />} />
      </Route>
      <Route path="*" element={<Navigate to={session.workspaceId ? `/w/${session.workspaceId}/overview` : '/workspaces'} replace />} />
    </Routes>
  );
}
