// Routes of the console and the guard that sends signed-out visitors to the sign-in page.
import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteRecordRaw,
  type Router,
  type RouterHistory,
} from 'vue-router';
import { useSessionStore } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the sign-in page). */
    public?: boolean;
    /** Catalogue key of the page title. */
    titleKey?: string;
    /** Only for admins; other agents are sent to the inbox. */
    admin?: boolean;
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./screens/login/LoginScreen.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  { path: '/', redirect: { name: 'inbox', params: { view: 'mine' } } },
  {
    path: '/views/:view',
    name: 'inbox',
    component: () => import('./screens/inbox/InboxScreen.vue'),
    meta: { titleKey: 'inbox.title' },
  },
  {
    path: '/tickets/:id(\\d+)',
    name: 'ticket',
    component: () => import('./screens/ticket/TicketScreen.vue'),
    meta: { titleKey: 'ticket.title' },
  },
  {
    path: '/contacts/:id(\\d+)',
    name: 'contact',
    component: () => import('./screens/contact/ContactScreen.vue'),
    meta: { titleKey: 'customer.title' },
  },
  {
    path: '/search',
    name: 'search',
    component: () => import('./screens/search/SearchScreen.vue'),
    meta: { titleKey: 'search.title' },
  },
  {
    path: '/kb',
    name: 'kb',
    component: () => import('./screens/kb/KbScreen.vue'),
    meta: { titleKey: 'kb.title' },
  },
  {
    path: '/kb/articles/new',
    name: 'kb-article-new',
    component: () => import('./screens/kb/ArticleEditor.vue'),
    meta: { titleKey: 'kb.editor.newTitle' },
  },
  {
    path: '/kb/articles/:id(\\d+)',
    name: 'kb-article',
    component: () => import('./screens/kb/ArticleEditor.vue'),
    meta: { titleKey: 'kb.editor.editTitle' },
  },
  {
    path: '/chat/:id(\\d+)?',
    name: 'chat',
    component: () => import('./screens/chat/ChatScreen.vue'),
    meta: { titleKey: 'chat.title' },
  },
  {
    path: '/chat/live',
    name: 'chat-live',
    component: () => import('./screens/chat/LiveChatsScreen.vue'),
    meta: { admin: true, titleKey: 'chat.live.title' },
  },
  {
    path: '/reports/shipments',
    name: 'reports-shipments',
    component: () => import('./screens/reports/ShipmentReport.vue'),
    meta: { admin: true, titleKey: 'reports.shipments.title' },
  },
  {
    path: '/reports/chats',
    name: 'reports-chats',
    component: () => import('./screens/reports/ChatReport.vue'),
    meta: { admin: true, titleKey: 'reports.chats.title' },
  },
  {
    path: '/macros',
    name: 'macros',
    component: () => import('./screens/macros/MacrosScreen.vue'),
    meta: { titleKey: 'macros.title' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('./screens/settings/SettingsScreen.vue'),
    meta: { titleKey: 'settings.title' },
  },
  {
    path: '/admin',
    component: () => import('./screens/admin/AdminLayout.vue'),
    meta: { admin: true, titleKey: 'admin.title' },
    children: [
      { path: '', redirect: { name: 'admin-agents' } },
      {
        path: 'agents',
        name: 'admin-agents',
        component: () => import('./screens/admin/AgentsAdmin.vue'),
        meta: { admin: true, titleKey: 'admin.agents.title' },
      },
      {
        path: 'groups',
        name: 'admin-groups',
        component: () => import('./screens/admin/GroupsAdmin.vue'),
        meta: { admin: true, titleKey: 'admin.groups.title' },
      },
      {
        path: 'custom-fields',
        name: 'admin-custom-fields',
        component: () => import('./screens/admin/CustomFieldsAdmin.vue'),
        meta: { admin: true, titleKey: 'admin.customFields.title' },
      },
      {
        path: 'workspace',
        name: 'admin-workspace',
        component: () => import('./screens/admin/WorkspaceAdmin.vue'),
        meta: { admin: true, titleKey: 'admin.workspace.title' },
      },
      {
        path: 'api-tokens',
        name: 'admin-api-tokens',
        component: () => import('./screens/admin/ApiTokensAdmin.vue'),
        meta: { admin: true, titleKey: 'admin.apiTokens.title' },
      },
      {
        path: 'mailboxes',
        name: 'admin-mailboxes',
        component: () => import('./screens/admin/MailboxesAdmin.vue'),
        meta: { admin: true, titleKey: 'mailboxes.title' },
      },
      {
        path: 'mail-outbox',
        name: 'admin-mail-outbox',
        component: () => import('./screens/admin/MailOutboxAdmin.vue'),
        meta: { admin: true, titleKey: 'mailOutbox.title' },
      },
      {
        path: 'imports',
        name: 'admin-imports',
        component: () => import('./screens/admin/ImportsAdmin.vue'),
        meta: { admin: true, titleKey: 'imports.title' },
      },
      {
        path: 'carriers',
        name: 'admin-carriers',
        component: () => import('./screens/admin/CarriersAdmin.vue'),
        meta: { admin: true, titleKey: 'carriers.title' },
      },
      {
        path: 'shipment-documents',
        name: 'admin-shipment-documents',
        component: () => import('./screens/admin/ShipmentDocumentsAdmin.vue'),
        meta: { admin: true, titleKey: 'shipmentDocuments.title' },
      },
      {
        path: 'business-hours',
        name: 'admin-business-hours',
        component: () => import('./screens/admin/BusinessHoursAdmin.vue'),
        meta: { admin: true, titleKey: 'businessHours.title' },
      },
      {
        path: 'sla-policies',
        name: 'admin-sla-policies',
        component: () => import('./screens/admin/SlaPoliciesAdmin.vue'),
        meta: { admin: true, titleKey: 'sla.title' },
      },
      {
        path: 'triggers',
        name: 'admin-triggers',
        component: () => import('./screens/rules/TriggersAdmin.vue'),
        meta: { admin: true, titleKey: 'rules.trigger.title' },
      },
      {
        path: 'automations',
        name: 'admin-automations',
        component: () => import('./screens/rules/AutomationsAdmin.vue'),
        meta: { admin: true, titleKey: 'rules.automation.title' },
      },
      {
        path: 'chat',
        name: 'admin-chat',
        component: () => import('./screens/chat/ChatSettingsAdmin.vue'),
        meta: { admin: true, titleKey: 'chat.settings.title' },
      },
      {
        path: 'web-forms',
        name: 'admin-web-forms',
        component: () => import('./screens/admin/WebFormsAdmin.vue'),
        meta: { admin: true, titleKey: 'webForms.title' },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

/** Only same-site paths may be a redirect target after sign-in. */
export function safeRedirect(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')
    ? value
    : null;
}

/** Starts loading the code of the lazy screens `to` shows; errors surface when vue-router loads them. */
export function preloadScreens(to: Pick<RouteLocationNormalized, 'matched'>): void {
  for (const record of to.matched) {
    for (const component of Object.values(record.components ?? {})) {
      if (typeof component === 'function') {
        void Promise.resolve((component as () => unknown)()).catch(() => {});
      }
    }
  }
}

/**
 * Waits for GET /auth/me once per page load; without a session every page but sign-in
 * redirects to /login?redirect=<where the agent was going>.
 */
export async function authGuard(to: RouteLocationNormalized) {
  const session = useSessionStore();
  // The screen's code and /auth/me do not depend on each other: fetch them at the same time
  // (vue-router itself loads a lazy screen only after the guards, one round trip later).
  preloadScreens(to);
  await session.restore();
  if (to.meta.public) {
    if (to.name === 'login' && session.signedIn) {
      return safeRedirect(to.query.redirect) ?? { name: 'inbox', params: { view: 'mine' } };
    }
    return true;
  }
  if (!session.signedIn) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }
  if (to.meta.admin && session.me?.role !== 'admin') {
    return { name: 'inbox', params: { view: 'mine' } };
  }
  return true;
}

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes });
  router.beforeEach(authGuard);
  return router;
}
