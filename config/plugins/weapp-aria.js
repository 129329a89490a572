/**
 * Taro plugin (WeChat build): lets <View> and <Text> carry WeChat's own accessibility attributes, aria-role and
 * aria-label (read by the screen readers of iOS and Android inside WeChat). Taro's templates only pass the
 * attributes a component is declared with, and these two are not declared, so `a11y()` in src/components would
 * otherwise be dropped on the way to the page.
 */
// One list for the templates (here) and the runtime (src/platform/weapp-aria.ts).
const ARIA = require('../../src/platform/weapp-aria.json')

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (process.env.TARO_ENV !== 'weapp') return
      platform.template.mergeComponents(ctx, { View: ARIA, Text: ARIA })
    },
  })
}
