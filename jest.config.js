/**
 * One jest run for every workspace (`npm test`). TypeScript is transformed by @swc/jest (fast, no
 * type checking: `npm run typecheck` does that). `TEST_DB=mysql` runs the database-backed suites
 * against MariaDB instead of SQLite files (see scripts/test-mysql.mjs).
 */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
    module: { type: 'commonjs' },
  },
];

// Packages published as ES modules only; swc turns them into CommonJS for jest.
const esmOnly = ['file-type', 'strtok3', 'token-types', 'peek-readable', 'uint8array-extras', '@tokenizer', '@borewit'];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  // js before ts: some packages (ali-oss) ship .ts sources beside their .js, and node_modules is not transformed.
  moduleFileExtensions: ['js', 'mjs', 'cjs', 'ts', 'tsx', 'json'],
};

module.exports = {
  // A global option (projects cannot set it): API suites walk whole workflows over real HTTP and
  // browser suites drive Chromium; a busy 2-core machine needs far more than jest's 5 s.
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'shared', roots: ['<rootDir>/shared'], testMatch: ['**/*.test.ts'] },
    // The staff page's pure parts (access flags, filters, amounts in words, the request layer) run
    // in node: nothing of theirs needs a browser.
    { ...common, displayName: 'admin', roots: ['<rootDir>/admin/test'], testMatch: ['**/*.test.ts'] },
    {
      ...common,
      displayName: 'server',
      roots: ['<rootDir>/server'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/server/test/support/globalSetup.ts',
      globalTeardown: '<rootDir>/server/test/support/globalTeardown.ts',
    },
    // The WeChat build (miniprogram/dist) checked and driven with WeChat's own template compiler;
    // `npm run test:weapp` builds it first and runs these. The built JavaScript is run as it is.
    ...(process.env.WC_WEAPP === '1'
      ? [
          {
            ...common,
            displayName: 'weapp',
            roots: ['<rootDir>/test/weapp'],
            testMatch: ['**/*.test.ts'],
            transformIgnorePatterns: [...common.transformIgnorePatterns, '/miniprogram/dist/'],
          },
        ]
      : []),
    // Browser suites drive Debian's Chromium; `npm run test:browser` runs them (CI does too).
    ...(process.env.WC_BROWSER === '1'
      ? [{ ...common, displayName: 'browser', roots: ['<rootDir>/test/browser'], testMatch: ['**/*.test.ts'] }]
      : []),
  ],
};
