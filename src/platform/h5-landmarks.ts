/**
 * Taro draws the H5 tab bar itself, outside our pages, without a landmark role; screen readers (and axe's
 * `region` rule) need one. This names it as the main navigation once it appears. H5 only.
 */
export function labelH5TabBar(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  const apply = () => {
    const bar = document.querySelector('.taro-tabbar__tabbar')
    if (bar && bar.getAttribute('role') !== 'navigation') {
      bar.setAttribute('role', 'navigation')
      bar.setAttribute('aria-label', '主导航')
    }
  }
  apply()
  new MutationObserver(apply).observe(document.body, { childList: true, subtree: true })
}
