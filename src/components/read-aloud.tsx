import { useEffect, useState } from 'react'
import { ActionButton } from './action-button'

function speechAvailable(): boolean {
  return process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && 'speechSynthesis' in window
}

export interface ReadAloudProps {
  text: string
  label?: string
}

/**
 * Reads a text aloud in Mandarin. H5: the browser's speechSynthesis. In WeChat the speech plugin is not
 * configured yet, so the button is not shown there rather than shown and broken.
 */
export function ReadAloud({ text, label = '朗读' }: ReadAloudProps) {
  const [speaking, setSpeaking] = useState(false)
  useEffect(() => () => {
    if (speechAvailable()) window.speechSynthesis.cancel()
  }, [])
  if (!speechAvailable()) return null
  const toggle = () => {
    const synth = window.speechSynthesis
    if (speaking) {
      synth.cancel()
      setSpeaking(false)
      return
    }
    const u = new SpeechSynthesisUtterance(text)
    u.lang = 'zh-CN'
    u.rate = 0.9
    u.onend = () => setSpeaking(false)
    u.onerror = () => setSpeaking(false)
    synth.cancel()
    synth.speak(u)
    setSpeaking(true)
  }
  return <ActionButton variant='secondary' label={speaking ? '停止朗读' : label} onTap={toggle} />
}
