/**
 * Taro plugin (WeChat build): puts <page-meta root-font-size="system" page-font-size="system"> first in every
 * page, so pages follow the system font size. It has to be the page's first node, and Taro's React pages render
 * everything through one template, so a <PageMeta> component in our code would never be first — the page
 * templates are edited after the build instead.
 */
const PAGE_META = '<page-meta root-font-size="system" page-font-size="system"></page-meta>\n'

module.exports = (ctx) => {
  ctx.modifyBuildAssets(({ assets, miniPlugin }) => {
    if (process.env.TARO_ENV !== 'weapp' || !miniPlugin) return
    const { RawSource } = require('webpack').sources
    for (const page of miniPlugin.pages) {
      const name = `${page.name}.wxml`
      const asset = assets[name]
      if (!asset) continue
      const text = asset.source().toString()
      if (!text.startsWith('<page-meta')) assets[name] = new RawSource(PAGE_META + text)
    }
  })
}
