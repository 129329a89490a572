export default definePageConfig({
  navigationBarTitleText: '管理投票',
})
