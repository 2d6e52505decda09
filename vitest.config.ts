import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Some tests print real PDFs in a real browser.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
