/**
 * Role and accessible name for an element Taro renders without them.
 * H5 gets real `role`/`aria-label`/`tabindex`; WeChat reads its own `aria-role`/`aria-label`.
 */
export function a11y(role: string, label?: string, focusable = true): Record<string, never> {
  const attrs = process.env.TARO_ENV === 'h5' ? { role, 'aria-label': label, ...(focusable ? { tabIndex: 0 } : {}) } : { ariaRole: role, ariaLabel: label }
  return attrs as unknown as Record<string, never>
}
