import Taro from '@tarojs/taro'

const KEY = 'linli.modeChosen'

/** Whether this phone has already asked the person which layout they want. */
export function modeChosen(): boolean {
  return Taro.getStorageSync(KEY) === '1'
}

export function rememberModeChosen(): void {
  Taro.setStorageSync(KEY, '1')
}

/**
 * Whether the phone is set to large text: WeChat reports the font scale; a browser's default font size shows in an
 * element sized `medium` (Taro rewrites the root font size, so the root cannot tell).
 */
export function systemFontIsLarge(): boolean {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const probe = document.createElement('span')
      probe.style.fontSize = 'medium'
      document.body.appendChild(probe)
      const size = parseFloat(getComputedStyle(probe).fontSize)
      probe.remove()
      return size >= 20
    }
    const info = Taro.getAppBaseInfo() as { fontSizeScaleFactor?: number; fontSizeSetting?: number }
    return (info.fontSizeScaleFactor ?? 1) >= 1.15 || (info.fontSizeSetting ?? 16) >= 18
  } catch {
    return false
  }
}
