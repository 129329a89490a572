/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.css'

/** The API origin for the mini-program (H5 uses relative URLs); set at build time from TARO_APP_API_BASE. */
declare const API_BASE: string

/** Whether the WeChat build declares the speech plugin; set at build time from TARO_APP_WECHAT_SI. */
declare const WECHAT_SI: boolean

/** The part of WeChat's speech plugin (WechatSI) the app uses. */
interface WechatSIPlugin {
  textToSpeech(options: {
    lang: 'zh_CN' | 'en_US'
    content: string
    success?: (res: { retcode: number; origin: string; filename: string; expired_time: number }) => void
    fail?: (err: { retcode: number; msg: string }) => void
  }): void
}

/** WeChat's loader for plugins declared in app.json; it does not exist in H5. */
declare function requirePlugin(name: 'WechatSI'): WechatSIPlugin

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    TARO_ENV: 'weapp' | 'h5'
    TARO_APP_ID: string
  }
}
