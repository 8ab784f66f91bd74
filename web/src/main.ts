import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/notification/style/css'
import App from './App.vue'
import { router } from './router'
import { i18n, currentLocale } from './i18n'
import { configureHttp } from './api/http'
import { useAuthStore } from './stores/auth'
import './styles/main.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(router)

const auth = useAuthStore()
configureHttp({
  language: () => currentLocale(),
  csrfToken: () => auth.csrfToken,
  networkErrorMessage: () => i18n.global.t('app.networkError'),
  onUnauthorized: () => {
    // The session expired or was revoked: back to the login page, then to where the user was.
    auth.clear()
    const current = router.currentRoute.value
    if (!current.meta.public) {
      void router.replace({ name: 'login', query: { redirect: current.fullPath } })
    }
  },
})

app.mount('#app')
