/**
 * Mini-program only, after px → rpx: font sizes become rem, so text follows the font size a person chose in
 * WeChat (every page starts with <page-meta root-font-size="system">, see system-font.js). Boxes stay in rpx;
 * tap targets are min-heights, so they grow with their text. 32 rpx is 16 CSS px on a 375 px wide phone, which
 * is 1 rem at the standard system size.
 */
const RPX_PER_REM = 32

const toRem = (decl) => {
  decl.value = decl.value.replace(/(\d*\.?\d+)rpx/g, (_, n) => `${Number((Number(n) / RPX_PER_REM).toFixed(4))}rem`)
}

// The type-scale tokens (--ll-font-*, src/app.css) are what `font-size: var(...)` reads, so they are converted too.
module.exports = () => ({
  postcssPlugin: 'linli-font-rem',
  Declaration(decl) {
    if (decl.prop === 'font-size' || decl.prop.startsWith('--ll-font-')) toRem(decl)
  },
})
module.exports.postcss = true
