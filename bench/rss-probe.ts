/**
 * Preloaded (`node --import`) into processes the benchmark times: at exit,
 * writes the process's peak resident set size in kB to the file named by
 * SCORECARD_BENCH_RSS_FILE. `/usr/bin/time -v` is not everywhere; this is.
 */
import {writeFileSync} from 'node:fs'

const file = process.env['SCORECARD_BENCH_RSS_FILE']
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)))
