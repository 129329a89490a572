export default definePageConfig({
  navigationBarTitleText: '选择显示方式',
})
