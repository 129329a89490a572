export default definePageConfig({
  navigationBarTitleText: '发起投票',
})
