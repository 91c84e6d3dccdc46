import { signal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { useEffect, useErrorBoundary } from 'preact/hooks';
import lazy from 'preact-iso/lazy';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router';
import { UnsavedChangesGuard } from './kit/unsaved.tsx';
import { BASE, paths, type SectionId, sections } from './routes.ts';
import { session } from './session.ts';
import { navigationOpen } from './shell/navigation.tsx';
import { ScreenFailed } from './shell/screen-failed.tsx';
import { focusPageHeading, Shell } from './shell/shell.tsx';

/** A screen loaded on first use (its own chunk); if its code cannot be loaded, `ScreenFailed` instead. */
function lazyScreen<P>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<any> {
  return lazy(() => load().catch(() => ({ default: ScreenFailed as ComponentType<P> })));
}

const Home = lazyScreen(() => import('./screens/home.tsx'));
const SignIn = lazyScreen(() => import('./screens/sign-in.tsx'));
const OidcSignIn = lazyScreen(() => import('./screens/sign-in-oidc.tsx'));
const NotFound = lazyScreen(() => import('./screens/not-found.tsx'));
const KitPage = lazyScreen(() => import('./screens/kit.tsx'));
const SectionPlaceholder = lazyScreen(() => import('./screens/section.tsx'));
const Administration = lazyScreen(() => import('./screens/administration.tsx'));
const Invitation = lazyScreen(() => import('./screens/invitation.tsx'));
const People = lazyScreen(() => import('./screens/people.tsx'));
const ApiKeys = lazyScreen(() => import('./screens/api-keys.tsx'));
const AuditLog = lazyScreen(() => import('./screens/audit-log.tsx'));
const Account = lazyScreen(() => import('./screens/account.tsx'));
const Settings = lazyScreen(() => import('./screens/settings/settings.tsx'));
const AppealCard = lazyScreen(() => import('./screens/desk-card/card.tsx'));
const AppealPrint = lazyScreen(() => import('./screens/desk-card/print.tsx'));
const Queue = lazyScreen(() => import('./screens/queue/queue.tsx'));
const Calendars = lazyScreen(() => import('./screens/calendars.tsx'));
const PortalAuditLog = lazyScreen(() => import('./screens/portal-audit-log.tsx'));
const Reports = lazyScreen(() => import('./screens/reports/reports.tsx'));
const Ratings = lazyScreen(() => import('./screens/ratings/ratings.tsx'));
const Webhooks = lazyScreen(() => import('./screens/webhooks.tsx'));

/** The screen of each section. */
const sectionScreens: Record<SectionId, ComponentType<{ section: SectionId }>> = {
  queue: Queue,
  reports: Reports,
  ratings: Ratings,
  settings: Settings,
  administration: Administration,
};

/** Whether a screen's code is on its way (the previous screen stays until it arrives). */
const routeLoading = signal(false);

function onRouteChange() {
  navigationOpen.value = false;
  focusPageHeading();
}

/** Catches a screen that throws while rendering; the next route change tries again. */
function ScreenBoundary({ children }: { children: preact.ComponentChildren }) {
  const [error, reset] = useErrorBoundary();
  const { path } = useLocation();
  useEffect(() => {
    if (error) reset();
  }, [path]);
  return error ? <ScreenFailed /> : <>{children}</>;
}

export function App() {
  return (
    <LocationProvider scope={BASE}>
      <Shell busy={routeLoading.value}>
        <ScreenBoundary>
          <Router
            // Switching organisation opens every screen afresh for it (no state of the previous one).
            key={session.value?.organization.id ?? ''}
            onRouteChange={onRouteChange}
            onLoadStart={() => {
              routeLoading.value = true;
            }}
            onLoadEnd={() => {
              routeLoading.value = false;
            }}
          >
            <Route path={BASE} component={Home} />
            <Route path={paths.signIn} component={SignIn} />
            <Route path={paths.signInOidc} component={OidcSignIn} />
            <Route path={paths.kit} component={KitPage} />
            <Route path={paths.invitation} component={Invitation} />
            <Route path={paths.people} component={People} />
            <Route path={paths.apiKeys} component={ApiKeys} />
            <Route path={paths.auditLog} component={AuditLog} />
            <Route path={paths.webhooks} component={Webhooks} />
            <Route path={paths.account} component={Account} />
            <Route path={paths.calendars} component={Calendars} />
            <Route path={paths.portalAuditLog} component={PortalAuditLog} />
            <Route path={`${BASE}/queue/appeals/:id`} component={AppealCard} />
            <Route path={`${BASE}/queue/appeals/:id/print/:kind`} component={AppealPrint} />
            {sections.map((section) => (
              <Route<{ section: SectionId }>
                key={section.id}
                path={`${section.path}/:rest*`}
                component={sectionScreens[section.id]}
                section={section.id}
              />
            ))}
            <Route default component={NotFound} />
          </Router>
        </ScreenBoundary>
      </Shell>
      <UnsavedChangesGuard scope={BASE} />
    </LocationProvider>
  );
}
