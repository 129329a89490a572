// The app is compiled by babel-preset-taro; Jest reuses this file for component tests.
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
    }],
  ],
}
