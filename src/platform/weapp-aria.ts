import { mergeInternalComponents } from '@tarojs/shared'
import ARIA from './weapp-aria.json'

/**
 * WeChat build: the runtime half of config/plugins/weapp-aria.js. The build adds these attributes to the page
 * templates of <View> and <Text>; the runtime must know them too, or it sends them under names the templates do
 * not read. Imported first by app.ts, before anything renders.
 */
if (process.env.TARO_ENV === 'weapp') mergeInternalComponents({ View: ARIA, Text: ARIA })
