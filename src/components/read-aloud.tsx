import { useEffect, useState } from 'react'
import { ActionButton } from './action-button'

function speechAvailable(): boolean {
  return process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && 'speechSynthesis' in window
}

/** Speaks a text once in Mandarin where the platform can; returns whether it started. */
export function speak(text: string, onEnd?: () => void): boolean {
  if (!speechAvailable()) return false
  const synth = window.speechSynthesis
  const u = new SpeechSynthesisUtterance(text)
  u.lang = 'zh-CN'
  u.rate = 0.9
  u.onend = () => onEnd?.()
  u.onerror = () => onEnd?.()
  synth.cancel()
  synth.speak(u)
  return true
}

/** Codes are read character by character ("A 7 K …"), not as a word. */
export function spelled(code: string): string {
  return code.split('').join(' ')
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
    setSpeaking(speak(text, () => setSpeaking(false)))
  }
  return <ActionButton variant='secondary' label={speaking ? '停止朗读' : label} onTap={toggle} />
}
