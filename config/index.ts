import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { wechatSIEnabled } from './wechat-si'

// The API origin the mini-program calls. H5 is served by the backend itself and uses relative URLs.
// The API contract in types/ is outside src/, so Babel must be told to compile it too.
const contractDir = path.resolve(__dirname, '..', 'types')
// The app config imports the plugin setting from here, and webpack sees that import too.
const wechatSIFile = path.resolve(__dirname, 'wechat-si.ts')

const apiBase = process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000'

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linlitong',
    date: '2026-11-25',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // TARO_OUTPUT_ROOT lets a second checkout or a parallel build write elsewhere; by default dist/weapp and dist/h5.
    outputRoot: process.env.TARO_OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`,
    // WeChat build: pages follow the system font size; views and texts keep their aria-role/aria-label.
    plugins: [path.resolve(__dirname, 'plugins/system-font.js'), path.resolve(__dirname, 'plugins/weapp-aria.js')],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
      // Compiled in rather than read at run time, so builds without the plugin carry none of its code.
      WECHAT_SI: JSON.stringify(wechatSIEnabled()),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@contract': path.resolve(__dirname, '..', 'types'),
    },
    logger: { quiet: true, stats: false },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [contractDir, wechatSIFile] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
        // Runs after pxtransform: font sizes in rem follow the system font (page-meta root-font-size="system").
        './config/plugins/postcss-font-rem.js': { enable: true, config: {} },
      },
    },
    h5: {
      compile: { include: [contractDir] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // Size is held to our own budget (npm test checks H5 first-load JS ≤ 200 KB gzip), not webpack's generic hint.
      webpackChain(chain) {
        chain.performance.hints(false)
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
