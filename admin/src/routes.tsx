import { Suspense, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { BootLoading } from './components/BootLoading';
import { NotFound, RequireAccess, RequireLogin } from './components/RequireAuth';
import { BasicLayout } from './layouts/BasicLayout';

/**
 * Every page is its own chunk: the first screen loads only the layout and the page it shows.
 * (The declarative router keeps react-router's data-router code off the first screen.)
 */
const pages = {
  Login: lazy(() => import('./pages/Login')),
  Worklist: lazy(() => import('./pages/Worklist')),
  Dashboard: lazy(() => import('./pages/Dashboard')),
  Report: lazy(() => import('./pages/Report')),
  PrintReport: lazy(() => import('./pages/Report/PrintReport')),
  Applications: lazy(() => import('./pages/Applications')),
  NewApplication: lazy(() => import('./pages/NewApplication')),
  ApplicationDetail: lazy(() => import('./pages/ApplicationDetail')),
  Print: lazy(() => import('./pages/Print')),
  Archive: lazy(() => import('./pages/Archive')),
  Users: lazy(() => import('./pages/admin/Users')),
  Steps: lazy(() => import('./pages/admin/Steps')),
  ContractStages: lazy(() => import('./pages/admin/ContractStages')),
  Calendar: lazy(() => import('./pages/admin/Calendar')),
  Notifications: lazy(() => import('./pages/admin/Notifications')),
  AuditLog: lazy(() => import('./pages/admin/AuditLog')),
  Applicants: lazy(() => import('./pages/admin/Applicants')),
  Utility: lazy(() => import('./pages/admin/Utility')),
  Materials: lazy(() => import('./pages/admin/Materials')),
  FastTrack: lazy(() => import('./pages/admin/FastTrack')),
  BillingExport: lazy(() => import('./pages/admin/BillingExport')),
  SmsTemplates: lazy(() => import('./pages/admin/SmsTemplates')),
  Reasons: lazy(() => import('./pages/admin/Reasons')),
};

function page(Page: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<BootLoading />}>
      <Page />
    </Suspense>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={page(pages.Login)} />
      <Route path="/print/:id/:kind" element={<RequireLogin>{page(pages.Print)}</RequireLogin>} />
      <Route path="/print-report" element={<RequireLogin>{page(pages.PrintReport)}</RequireLogin>} />
      <Route
        element={
          <RequireLogin>
            <BasicLayout />
          </RequireLogin>
        }
      >
        <Route index element={<Navigate to="/worklist" replace />} />
        <Route path="worklist" element={page(pages.Worklist)} />
        <Route path="dashboard" element={page(pages.Dashboard)} />
        <Route path="report" element={page(pages.Report)} />
        <Route path="applications" element={page(pages.Applications)} />
        <Route element={<RequireAccess flag="windowEntry" />}>
          <Route path="applications/new" element={page(pages.NewApplication)} />
        </Route>
        <Route path="applications/:id" element={page(pages.ApplicationDetail)} />
        <Route path="applications/:id/edit" element={page(pages.NewApplication)} />
        <Route path="archive" element={page(pages.Archive)} />
        <Route path="admin" element={<RequireAccess flag="admin" />}>
          <Route path="users" element={page(pages.Users)} />
          <Route path="steps" element={page(pages.Steps)} />
          <Route path="contract-stages" element={page(pages.ContractStages)} />
          <Route path="calendar" element={page(pages.Calendar)} />
          <Route path="notifications" element={page(pages.Notifications)} />
          <Route path="audit" element={page(pages.AuditLog)} />
          <Route path="applicants" element={page(pages.Applicants)} />
          <Route path="utility" element={page(pages.Utility)} />
          <Route path="materials" element={page(pages.Materials)} />
          <Route path="fast-track" element={page(pages.FastTrack)} />
          <Route path="billing-export" element={page(pages.BillingExport)} />
          <Route path="sms-templates" element={page(pages.SmsTemplates)} />
          <Route path="reasons" element={page(pages.Reasons)} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
