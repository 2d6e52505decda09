#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm run build` (run automatically by `npm ci` via `prepare`).
import '../dist/cli.js';
