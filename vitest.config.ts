// Test runner settings: the JSON report is what .ci/run counts for CI's "N passed, N failed" line.
import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // End-to-end tests spawn the real CLI and build whole sites.
    testTimeout: 60_000,
    reporters: ['default', ['json', {outputFile: 'node_modules/.cache/vitest/results.json'}]],
  },
})
