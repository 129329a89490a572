import fs from 'node:fs'
import path from 'node:path'
import { ROOT, SI_ROOT, setUpSignedInWeapp, type SimComponent } from './harness'

/** What the audio context was asked to do; `ended` is the app's onEnded listener, called here as playback ends. */
interface FakeAudio {
  src: string
  played: string[]
  stopped: number
  destroyed: boolean
  ended?: () => void
}

const audios: FakeAudio[] = []
const asked: { lang: string; content: string }[] = []
let pluginFails = false

// Taro takes wx's API when app.js loads, so the audio double is in place before the harness requires it.
;(globalThis as unknown as { wx: Record<string, unknown> }).wx.createInnerAudioContext = () => {
  const a: FakeAudio = { src: '', played: [], stopped: 0, destroyed: false }
  audios.push(a)
  return {
    get src() {
      return a.src
    },
    set src(v: string) {
      a.src = v
    },
    play: () => void a.played.push(a.src),
    stop: () => void a.stopped++,
    destroy: () => void (a.destroyed = true),
    onEnded: (cb: () => void) => void (a.ended = cb),
    onError: () => {},
  }
}

const env = setUpSignedInWeapp('elder', {}, SI_ROOT)

type SpeechOptions = { lang: string; content: string; success?: (r: object) => void; fail?: (e: object) => void }

// WechatSI is WeChat's outside service: this double answers like it does, a moment later, with a file per text.
beforeAll(() => {
  ;(globalThis as Record<string, unknown>).requirePlugin = (name: string) => {
    expect(name).toBe('WechatSI')
    return {
      textToSpeech(o: SpeechOptions) {
        asked.push({ lang: o.lang, content: o.content })
        const n = asked.length
        setTimeout(() => {
          if (pluginFails) o.fail?.({ retcode: -20005, msg: 'tts fail' })
          else o.success?.({ retcode: 0, origin: o.content, filename: `wxfile://tts-${n}.mp3`, expired_time: 0 })
        }, 5)
      },
    }
  }
})

function button(page: SimComponent, label: string): HTMLElement | undefined {
  return Array.from(page.dom.querySelectorAll<HTMLElement>('wx-view')).filter((el) => el.textContent?.trim() === label).pop()
}

function tap(page: SimComponent, label: string) {
  const sid = button(page, label)?.getAttribute('data-sid')
  expect(sid).toBeTruthy()
  page.querySelector(`#${sid}`)!.dispatchEvent('tap')
}

const PLAYING = '正在朗读 · 停止'

test('the plugin is declared only in the build made with TARO_APP_WECHAT_SI=1', () => {
  const appJson = (root: string) => JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as { plugins?: unknown }
  expect(appJson(SI_ROOT).plugins).toEqual({ WechatSI: { version: expect.stringMatching(/^\d+\.\d+\.\d+$/), provider: 'wx069ba97219f66d99' } })
  expect(appJson(ROOT).plugins).toBeUndefined()
  // Without the setting the bundle does not even mention the plugin, so WeChat cannot trip over it.
  expect(fs.readFileSync(path.join(ROOT, 'common.js'), 'utf8')).not.toContain('WechatSI')
})

test('with the plugin, the care home reads its notice piece by piece, stops on 停止 and says so when speech fails', async () => {
  const page = await env.h.loadPage('pages/home/index')
  await env.h.settle(800)
  expect(button(page, '读给我听')).toBeDefined()

  // The first tap asks for the first sentence only (the notice's title) and plays what comes back.
  tap(page, '读给我听')
  await env.h.settle(50)
  expect(asked).toHaveLength(1)
  expect(asked[0].lang).toBe('zh_CN')
  expect(asked[0].content).toMatch(/。$/)
  expect(page.dom.textContent).toContain(asked[0].content.slice(0, -1))
  expect(audios).toHaveLength(1)
  expect(audios[0].played).toEqual(['wxfile://tts-1.mp3'])
  expect(button(page, PLAYING)).toBeDefined()

  // Each ended piece brings the next; after the last the audio is released and the button is back.
  audios[0].ended!()
  await env.h.settle(50)
  expect(asked).toHaveLength(2)
  expect(audios[0].played).toEqual(['wxfile://tts-1.mp3', 'wxfile://tts-2.mp3'])
  for (let i = 0; i < 20 && !audios[0].destroyed; i++) {
    audios[0].ended!()
    await env.h.settle(50)
  }
  expect(audios[0].destroyed).toBe(true)
  for (const piece of asked) expect(piece.content.length).toBeLessThanOrEqual(300)
  expect(button(page, '读给我听')).toBeDefined()

  // 停止 stops the playback, and nothing more is asked for.
  tap(page, '读给我听')
  await env.h.settle(50)
  const before = asked.length
  tap(page, PLAYING)
  await env.h.settle(50)
  expect(audios[1].stopped).toBeGreaterThan(0)
  expect(audios[1].destroyed).toBe(true)
  audios[1].ended?.()
  await env.h.settle(50)
  expect(asked).toHaveLength(before)
  expect(button(page, '读给我听')).toBeDefined()

  // A failure is said in a toast, and the button is ready again.
  pluginFails = true
  tap(page, '读给我听')
  await env.h.settle(50)
  const toast = env.h.calls.filter((c) => c.api === 'showToast').pop()
  expect(toast?.options.title).toBe('朗读没有成功，请稍后再试')
  expect(audios[2].destroyed).toBe(true)
  expect(button(page, '读给我听')).toBeDefined()
  pluginFails = false

  // Leaving the page, for another page on top or for good, ends the reading.
  tap(page, '读给我听')
  await env.h.settle(50)
  ;(page.instance.onHide as () => void).call(page.instance)
  await env.h.settle(50)
  expect(audios[3].destroyed).toBe(true)
  expect(button(page, '读给我听')).toBeDefined()
  tap(page, '读给我听')
  await env.h.settle(50)
  expect(button(page, PLAYING)).toBeDefined()
  page.detach()
  await env.h.settle(50)
  expect(audios[4].destroyed).toBe(true)
})
