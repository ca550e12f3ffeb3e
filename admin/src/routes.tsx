import { Suspense, lazy, useState, type ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { firstScreenPages, pageCode, type PageCode } from './boot/pageCode';
import { BootLoading } from './components/BootLoading';
import { NotFound, RequireAccess, RequireLogin } from './components/RequireAuth';
import { BasicLayout } from './layouts/BasicLayout';
import { KeptList } from './layouts/KeptList';
import { detailIdOf } from './services/applications';

/**
 * A route's page: rendered directly when its code is already loaded (the first screen's page, asked
 * for by the entry script; the detail, loaded while the list is read), otherwise through React.lazy
 * with the loading frame. Which of the two is decided once per mounted page, so that a page never
 * changes component type under React (that would mount it again, losing its state).
 * (The declarative router keeps react-router's data-router code off the first screen.)
 */
function routePage(code: PageCode) {
  const Lazy = lazy(code.load);
  return function RoutePage() {
    const [Loaded] = useState(() => code.loaded());
    // The boundary stays for both: a lazy part of a page without one of its own shows the frame too.
    return <Suspense fallback={<BootLoading />}>{Loaded ? <Loaded /> : <Lazy />}</Suspense>;
  };
}

/** Every page is its own chunk: the first screen loads only the layout and the page it shows. */
const pageCodes = {
  ...firstScreenPages,
  Login: pageCode(() => import('./pages/Login')),
  Dashboard: pageCode(() => import('./pages/Dashboard')),
  Report: pageCode(() => import('./pages/Report')),
  PrintReport: pageCode(() => import('./pages/Report/PrintReport')),
  NewApplication: pageCode(() => import('./pages/NewApplication')),
  Print: pageCode(() => import('./pages/Print')),
  Archive: pageCode(() => import('./pages/Archive')),
  Users: pageCode(() => import('./pages/admin/Users')),
  Steps: pageCode(() => import('./pages/admin/Steps')),
  ContractStages: pageCode(() => import('./pages/admin/ContractStages')),
  Calendar: pageCode(() => import('./pages/admin/Calendar')),
  Notifications: pageCode(() => import('./pages/admin/Notifications')),
  AuditLog: pageCode(() => import('./pages/admin/AuditLog')),
  Applicants: pageCode(() => import('./pages/admin/Applicants')),
  Utility: pageCode(() => import('./pages/admin/Utility')),
  Materials: pageCode(() => import('./pages/admin/Materials')),
  FastTrack: pageCode(() => import('./pages/admin/FastTrack')),
  BillingExport: pageCode(() => import('./pages/admin/BillingExport')),
  SmsTemplates: pageCode(() => import('./pages/admin/SmsTemplates')),
  Reasons: pageCode(() => import('./pages/admin/Reasons')),
};

const pages = {} as Record<keyof typeof pageCodes, ComponentType>;
for (const name of Object.keys(pageCodes) as (keyof typeof pageCodes)[]) {
  pages[name] = routePage(pageCodes[name]);
}

/**
 * The two lists a detail is opened from, by path. KeptList draws them (and keeps the one a detail
 * was opened from under it, for the back button); their routes below only claim the addresses.
 */
const lists = { '/worklist': pages.Worklist, '/applications': pages.Applications };
const keptUnder = (pathname: string) => detailIdOf(pathname) !== undefined;
const page = <KeptList lists={lists} keptUnder={keptUnder} />;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<pages.Login />} />
      <Route
        path="/print/:id/:kind"
        element={
          <RequireLogin>
            <pages.Print />
          </RequireLogin>
        }
      />
      <Route
        path="/print-report"
        element={
          <RequireLogin>
            <pages.PrintReport />
          </RequireLogin>
        }
      />
      <Route
        element={
          <RequireLogin>
            <BasicLayout page={page} />
          </RequireLogin>
        }
      >
        <Route index element={<Navigate to="/worklist" replace />} />
        <Route path="worklist" element={null} />
        <Route path="dashboard" element={<pages.Dashboard />} />
        <Route path="report" element={<pages.Report />} />
        <Route path="applications" element={null} />
        <Route element={<RequireAccess flag="windowEntry" />}>
          <Route path="applications/new" element={<pages.NewApplication />} />
        </Route>
        <Route path="applications/:id" element={<pages.ApplicationDetail />} />
        <Route path="applications/:id/edit" element={<pages.NewApplication />} />
        <Route path="archive" element={<pages.Archive />} />
        <Route path="admin" element={<RequireAccess flag="admin" />}>
          <Route path="users" element={<pages.Users />} />
          <Route path="steps" element={<pages.Steps />} />
          <Route path="contract-stages" element={<pages.ContractStages />} />
          <Route path="calendar" element={<pages.Calendar />} />
          <Route path="notifications" element={<pages.Notifications />} />
          <Route path="audit" element={<pages.AuditLog />} />
          <Route path="applicants" element={<pages.Applicants />} />
          <Route path="utility" element={<pages.Utility />} />
          <Route path="materials" element={<pages.Materials />} />
          <Route path="fast-track" element={<pages.FastTrack />} />
          <Route path="billing-export" element={<pages.BillingExport />} />
          <Route path="sms-templates" element={<pages.SmsTemplates />} />
          <Route path="reasons" element={<pages.Reasons />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
