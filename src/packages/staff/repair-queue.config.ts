export default definePageConfig({
  navigationBarTitleText: '报修工单池',
})
