// For unit tests: runs a composable inside a mounted component, so that useI18n and lifecycle hooks
// (onMounted) work as in the console. The renderer draws nothing, so no DOM is needed.
import { createRenderer, defineComponent } from 'vue'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'

const renderer = createRenderer<object, object>({
  createElement: () => ({}),
  createText: () => ({}),
  createComment: () => ({}),
  insert: () => {},
  remove: () => {},
  setText: () => {},
  setElementText: () => {},
  parentNode: () => null,
  nextSibling: () => null,
  patchProp: () => {},
})

/** Mounts a component whose setup calls `composable`, with the console's messages in `locale`. */
export function withSetup<T>(composable: () => T, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })
  let result: T | undefined
  const app = renderer.createApp(
    defineComponent({
      setup() {
        result = composable()
        return () => null
      },
    }),
  )
  app.use(i18n)
  app.mount({})
  return { result: result as T, locale: i18n.global.locale, unmount: () => app.unmount() }
}
