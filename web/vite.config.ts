import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// The console is served by the incunet binary at "/"; the API lives under /api/v1 on the same origin.
export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components (and their styles) are imported on demand from the templates.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: 'src/components.d.ts' }),
  ],
  define: {
    // vue-i18n feature flags: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // A group takes its modules' dependencies too, in the order given: Vue first, or it would
          // be pulled into the ECharts chunk (through vue-echarts) and every page would load ECharts.
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/, priority: 30 },
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@floating-ui|lodash|dayjs|async-validator)/, priority: 20 },
            // The map chart, geo coordinates and visual map stay with the lazily loaded map chunk.
            {
              name: 'echarts',
              test: /node_modules[\\/](?:echarts[\\/](?!lib[\\/](?:chart[\\/]map|coord[\\/](?:geo|View)|component[\\/](?:geo|visualMap|helper[\\/](?:MapDraw|RoamController|roamHelper|cursorHelper))|action[\\/]roamHelper|visual[\\/](?:VisualMapping|visualSolution|visualDefault))[\\/.])|zrender[\\/]|vue-echarts[\\/])/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
})
