// Jest projects: unit · api (real server through inject, SQLite or PostgreSQL by TEST_DB) · mp (dist/weapp in
// miniprogram-simulate) · e2e (H5 in Chromium against the real server). scripts/test.mjs runs them in order.
const esmPackages = ['file-type', 'strtok3', 'token-types', 'peek-readable', '@tokenizer', 'uint8array-extras', '@borewit', 'typebox', 'content-disposition', 'cookie']

const nodeTransform = {
  '^.+\\.[cm]?[jt]sx?$': [
    'babel-jest',
    { babelrc: false, configFile: false, presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'] },
  ],
}
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages.join('|')})/)`]

const nodeProject = (name, extra = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  testEnvironment: 'node',
  transform: nodeTransform,
  transformIgnorePatterns,
  // file-type publishes only `import` conditions; point Jest's CommonJS resolver at the Node entry.
  moduleNameMapper: { '^file-type$': '<rootDir>/node_modules/file-type/index.js' },
  ...extra,
})

module.exports = {
  projects: [
    nodeProject('unit'),
    nodeProject('api'),
    nodeProject('mp', { testEnvironment: 'jsdom' }),
    nodeProject('e2e'),
  ],
}
