import type { Page } from 'playwright-core'

export interface Floors {
  /** Smallest font size of any visible text, CSS px. */
  minText: number
  /** Smallest side of any tap target, CSS px. */
  minTarget: number
  /** The largest text on the page must reach this (0: no requirement). */
  largestText: number
  minLineHeight: number
}

export const STANDARD: Floors = { minText: 12, minTarget: 44, largestText: 0, minLineHeight: 0 }
export const CARE: Floors = { minText: 18, minTarget: 60, largestText: 30, minLineHeight: 1.3 }

/**
 * Measures the page as rendered (CSS px in the current viewport): every visible text run's size and line height,
 * every tap target's box, and the largest text. Returns human-readable problems; an empty list means it passes.
 */
export async function sizeProblems(page: Page, floors: Floors): Promise<string[]> {
  return page.evaluate((f) => {
    const problems: string[] = []
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect()
      const s = getComputedStyle(el)
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0' && (el as HTMLElement).offsetParent !== null
    }
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} “${(el.textContent ?? '').trim().slice(0, 20)}”`
    let largest = 0
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '')
      if (!ownText || !shown(el) || el.closest('[aria-hidden="true"]')) continue
      const s = getComputedStyle(el)
      const size = parseFloat(s.fontSize)
      largest = Math.max(largest, size)
      if (size + 0.01 < f.minText) problems.push(`text ${size}px < ${f.minText}px: ${describe(el)}`)
      if (f.minLineHeight > 0) {
        const lh = s.lineHeight === 'normal' ? 1.2 : parseFloat(s.lineHeight) / size
        if (lh + 0.001 < f.minLineHeight) problems.push(`line height ${lh.toFixed(2)} < ${f.minLineHeight}: ${describe(el)}`)
      }
    }
    if (f.largestText && largest < f.largestText) problems.push(`largest text ${largest}px < ${f.largestText}px`)
    const targets = document.body.querySelectorAll('[role="button"],[role="link"],[role="switch"],[role="radio"],[role="checkbox"],[role="tab"],input,textarea,select,button,a[href],.weui-tabbar__item')
    for (const el of Array.from(targets)) {
      if (!shown(el)) continue
      // A link inside a sentence is exempt (WCAG 2.5.8): it cannot grow without breaking the text.
      if (el.getAttribute('role') === 'link' && getComputedStyle(el).display === 'inline') continue
      // Inputs inside Taro's wrappers are measured by their wrapper, which is the tap target.
      const box = (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.parentElement?.tagName.startsWith('TARO-') ? el.parentElement : el
      const r = box.getBoundingClientRect()
      if (Math.min(r.width, r.height) + 0.5 < f.minTarget) problems.push(`target ${Math.round(r.width)}×${Math.round(r.height)}px < ${f.minTarget}px: ${describe(el)}`)
    }
    return problems
  }, floors)
}
