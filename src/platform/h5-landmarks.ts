import Taro from '@tarojs/taro'

/**
 * Landmarks on H5, where Taro's router draws things outside our pages. H5 only; both run once at launch.
 */
const h5 = () => process.env.TARO_ENV === 'h5' && typeof document !== 'undefined'

/**
 * Taro draws the H5 tab bar itself, outside our pages, without a landmark role; screen readers (and axe's
 * `region` rule) need one. This names it as the main navigation once it appears.
 */
function labelTabBar(): void {
  const bar = document.querySelector('.taro-tabbar__tabbar')
  if (bar && bar.getAttribute('role') !== 'navigation') {
    bar.setAttribute('role', 'navigation')
    bar.setAttribute('aria-label', '主导航')
  }
}

/**
 * Taro's H5 router keeps every page of the stack (and every tab visited) in the document and hides the ones not
 * shown with CSS — only after the transition, so for a moment two pages, each a `main` landmark, are both exposed;
 * a page sliding away stays reachable by a screen reader and by Tab. Only the page on top of the router's stack is
 * exposed (its element's id is the page's path); every other page is `inert` and `aria-hidden`. The router updates
 * its stack synchronously as it starts a navigation and changes a class or an element of the pages in the same
 * step, so this runs (as a mutation callback) before the next frame: the page being left is hidden from assistive
 * technology the moment it starts to leave, and a new page is exposed as soon as it is in the document.
 */
function exposeCurrentPageOnly(classWatcher: MutationObserver, watched: WeakSet<Element>): void {
  const router = document.querySelector('.taro_router')
  if (!router) return
  const pages = Array.from(router.children).filter((el) => el.classList.contains('taro_page'))
  const stack = Taro.getCurrentPages()
  const top = stack[stack.length - 1]?.path
  const current = top ? document.getElementById(top) : null
  for (const el of pages) {
    if (!watched.has(el)) {
      watched.add(el)
      classWatcher.observe(el, { attributes: true, attributeFilter: ['class'] })
    }
    const hide = el !== current
    if (hide === el.hasAttribute('inert')) continue
    if (hide) {
      el.setAttribute('inert', '')
      el.setAttribute('aria-hidden', 'true')
    } else {
      el.removeAttribute('inert')
      el.removeAttribute('aria-hidden')
    }
  }
}

export function manageH5Landmarks(): void {
  if (!h5()) return
  const watched = new WeakSet<Element>()
  const classWatcher: MutationObserver = new MutationObserver(() => exposeCurrentPageOnly(classWatcher, watched))
  const apply = () => {
    labelTabBar()
    exposeCurrentPageOnly(classWatcher, watched)
  }
  apply()
  new MutationObserver(apply).observe(document.body, { childList: true, subtree: true })
}
