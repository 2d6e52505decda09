#!/usr/bin/env node
// The CLI is compiled to dist/ and bundled into dist-cli/ by `npm run build`,
// which `npm pack` runs (prepack): installs get built code and run no build
// step. A checkout needs `npm run build` after `npm ci`.
try {
  await import('../dist-cli/cli.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist-cli')) {
    process.stderr.write('scorecard: this checkout is not built yet.\n  hint: Run "npm run build" in the Scorecard folder, then try again.\n');
    process.exitCode = 3;
  } else throw error;
}
