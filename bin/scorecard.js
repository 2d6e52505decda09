#!/usr/bin/env node
// The CLI is compiled to dist/ and bundled into dist-cli/ by `npm run build`
// (run automatically by `npm ci` via `prepare`); see scripts/bundle-cli.mjs.
import '../dist-cli/cli.js';
