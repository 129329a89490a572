import { useEffect, useState } from 'react'
import Taro, { useDidHide } from '@tarojs/taro'
import { ActionButton } from './action-button'

// The plugin refuses long texts (about 1 KB of UTF-8); this keeps each piece well inside that.
const MAX_PIECE = 300
const SENTENCE_END = '。！？；.!?\n'

function browserSpeech(): boolean {
  return process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && 'speechSynthesis' in window
}

// Both parts are build-time constants. Where the plugin path is entered they are written out in full, so the
// bundler drops that path (and `requirePlugin`) from H5 and the plugin-less WeChat build; a module constant survives.
function pluginSpeech(): boolean {
  return process.env.TARO_ENV === 'weapp' && WECHAT_SI
}

function speechAvailable(): boolean {
  return pluginSpeech() || browserSpeech()
}

/** Cuts an over-long sentence, at a comma where one is near, so no piece passes `max`. */
function cut(sentence: string, max: number): string[] {
  const out: string[] = []
  let rest = sentence
  while (rest.length > max) {
    const comma = Math.max(rest.lastIndexOf('，', max - 1), rest.lastIndexOf(',', max - 1), rest.lastIndexOf('、', max - 1))
    const at = comma > 0 ? comma + 1 : max
    out.push(rest.slice(0, at))
    rest = rest.slice(at)
  }
  out.push(rest)
  return out
}

/**
 * The pieces a text is spoken in: one per sentence (a short first piece also makes the first sound come sooner),
 * none longer than `max`. A full stop between digits ("3.5 元") is not a sentence end.
 */
export function speechPieces(text: string, max = MAX_PIECE): string[] {
  const sentences: string[] = []
  let start = 0
  for (let i = 0; i < text.length; i++) {
    if (!SENTENCE_END.includes(text[i])) continue
    if (text[i] === '.' && /\d/.test(text[i + 1] ?? '')) continue
    sentences.push(text.slice(start, i + 1))
    start = i + 1
  }
  sentences.push(text.slice(start))
  return sentences
    .map((s) => s.trim())
    .filter((s) => s.replace(/[\s。！？；.!?，,、]/g, '') !== '')
    .flatMap((s) => cut(s, max))
}

let stopPluginSpeech: (() => void) | null = null

function failed() {
  void Taro.showToast({ title: '朗读没有成功，请稍后再试', icon: 'none', duration: 3000 })
}

/** WeChat: the plugin turns each piece into an audio file, played one after another in one audio context. */
function speakWithPlugin(text: string, onEnd?: () => void): boolean {
  stopPluginSpeech?.()
  const pieces = speechPieces(text)
  if (pieces.length === 0) return false
  const audio = Taro.createInnerAudioContext()
  let next = 0
  let done = false
  const finish = () => {
    if (done) return
    done = true
    stopPluginSpeech = null
    audio.stop()
    audio.destroy()
    onEnd?.()
  }
  const fail = () => {
    if (done) return
    finish()
    failed()
  }
  const playNext = () => {
    if (done) return
    if (next === pieces.length) {
      finish()
      return
    }
    requirePlugin('WechatSI').textToSpeech({
      lang: 'zh_CN',
      content: pieces[next++],
      success: (res) => {
        if (done) return
        if (!res.filename) {
          fail()
          return
        }
        audio.src = res.filename
        audio.play()
      },
      fail,
    })
  }
  audio.onEnded(playNext)
  audio.onError(fail)
  stopPluginSpeech = finish
  playNext()
  return true
}

/** Speaks a text once in Mandarin where the platform can; returns whether it started. */
export function speak(text: string, onEnd?: () => void): boolean {
  if (process.env.TARO_ENV === 'weapp' && WECHAT_SI) return speakWithPlugin(text, onEnd)
  if (!browserSpeech()) return false
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

/** Stops whatever is being read aloud. */
export function stopSpeaking() {
  if (process.env.TARO_ENV === 'weapp' && WECHAT_SI) stopPluginSpeech?.()
  else if (browserSpeech()) window.speechSynthesis.cancel()
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
 * Reads a text aloud in Mandarin. H5: the browser's speechSynthesis. WeChat: the speech plugin when the build
 * declares it (TARO_APP_WECHAT_SI); without it the button is not shown rather than shown and broken.
 */
export function ReadAloud({ text, label = '朗读' }: ReadAloudProps) {
  const [speaking, setSpeaking] = useState(false)
  useEffect(() => () => stopSpeaking(), [])
  // Leaving the page (another page on top, a tab switch, the app sent to the background) ends the reading.
  useDidHide(() => stopSpeaking())
  if (!speechAvailable()) return null
  const toggle = () => {
    if (speaking) {
      stopSpeaking()
      setSpeaking(false)
      return
    }
    setSpeaking(speak(text, () => setSpeaking(false)))
  }
  return <ActionButton variant='secondary' label={speaking ? '正在朗读 · 停止' : label} onTap={toggle} />
}
