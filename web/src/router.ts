import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { i18n } from '@/i18n'
import MainLayout from '@/layouts/MainLayout.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title */
    title?: string
    /** the menu entry to highlight */
    menu?: string
    public?: boolean
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { public: true, title: 'login.title' },
  },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { title: 'menu.home', menu: '/' } },
      {
        path: 'regions/:code?',
        name: 'regions',
        component: () => import('@/views/RegionsView.vue'),
        meta: { title: 'menu.regions', menu: '/regions' },
      },
      {
        path: 'carriers',
        name: 'carriers',
        component: () => import('@/views/CarrierListView.vue'),
        meta: { title: 'menu.carriers', menu: '/carriers' },
      },
      {
        path: 'carriers/new',
        name: 'carrier-new',
        component: () => import('@/views/CarrierFormView.vue'),
        meta: { title: 'carrier.new', menu: '/carriers/new' },
      },
      {
        path: 'carriers/:id',
        name: 'carrier',
        component: () => import('@/views/CarrierDetailView.vue'),
        meta: { title: 'menu.carriers', menu: '/carriers' },
      },
      {
        path: 'carriers/:id/edit',
        name: 'carrier-edit',
        component: () => import('@/views/CarrierFormView.vue'),
        meta: { title: 'carrier.editTitle', menu: '/carriers' },
      },
      {
        path: 'enterprises',
        name: 'enterprises',
        component: () => import('@/views/EnterpriseListView.vue'),
        meta: { title: 'menu.enterprises', menu: '/enterprises' },
      },
      {
        path: 'enterprises/new',
        name: 'enterprise-new',
        component: () => import('@/views/EnterpriseFormView.vue'),
        meta: { title: 'enterprise.new', menu: '/enterprises/new' },
      },
      {
        path: 'enterprises/:id',
        name: 'enterprise',
        component: () => import('@/views/EnterpriseDetailView.vue'),
        meta: { title: 'menu.enterprises', menu: '/enterprises' },
      },
      {
        path: 'enterprises/:id/edit',
        name: 'enterprise-edit',
        component: () => import('@/views/EnterpriseFormView.vue'),
        meta: { title: 'enterprise.editTitle', menu: '/enterprises' },
      },
      {
        path: 'enterprises/:id/incubations',
        name: 'enterprise-timeline',
        component: () => import('@/views/IncubationTimelineView.vue'),
        meta: { title: 'incubation.title', menu: '/enterprises' },
      },
      {
        path: 'stats',
        name: 'stats',
        component: () => import('@/views/StatsView.vue'),
        meta: { title: 'stats.title', menu: '/stats' },
      },
      {
        path: 'annual-returns',
        name: 'annual-returns',
        component: () => import('@/views/ReturnListView.vue'),
        meta: { title: 'returns.title', menu: '/annual-returns' },
      },
      {
        path: 'annual-returns/:id',
        name: 'annual-return',
        component: () => import('@/views/ReturnDetailView.vue'),
        meta: { title: 'returns.title', menu: '/annual-returns' },
      },
      {
        path: 'imports',
        name: 'imports',
        component: () => import('@/views/ImportView.vue'),
        meta: { title: 'io.title', menu: '/imports' },
      },
      {
        path: 'consents',
        name: 'consents',
        component: () => import('@/views/ConsentsView.vue'),
        meta: { title: 'consent.title', menu: '/consents' },
      },
      // Standards: rule sets, verdicts, tiered cultivation.
      {
        path: 'standards',
        name: 'rule-sets',
        component: () => import('@/views/RuleSetListView.vue'),
        meta: { title: 'standards.ruleSets', menu: '/standards' },
      },
      {
        path: 'standards/:id',
        name: 'rule-set',
        component: () => import('@/views/RuleSetDetailView.vue'),
        meta: { title: 'standards.ruleSets', menu: '/standards' },
      },
      {
        path: 'verdicts',
        name: 'verdicts',
        component: () => import('@/views/VerdictView.vue'),
        meta: { title: 'standards.verdict.title', menu: '/verdicts' },
      },
      {
        path: 'cultivation',
        name: 'cultivation',
        component: () => import('@/views/CultivationView.vue'),
        meta: { title: 'standards.cultivation.title', menu: '/cultivation' },
      },
      { path: 'users', name: 'users', component: () => import('@/views/UsersView.vue'), meta: { title: 'menu.users', menu: '/users' } },
      { path: 'audit', name: 'audit', component: () => import('@/views/AuditView.vue'), meta: { title: 'menu.audit', menu: '/audit' } },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/NotFoundView.vue'),
        meta: { title: 'errors.notFound' },
      },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  const auth = useAuthStore()
  try {
    if (await auth.restore()) return true
  } catch {
    // The server is unreachable or failed: let the page load and show the error where data is needed.
    return true
  }
  return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
})

router.afterEach((to) => {
  const t = i18n.global.t
  const title = to.meta.title ? t(to.meta.title) : ''
  document.title = title ? `${title} · ${t('app.title')}` : t('app.title')
})
