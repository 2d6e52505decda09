import {writeFileSync} from 'node:fs'
import {test} from 'vitest'
import {printPdf} from '../src/print.js'
import {fixtureHtml} from './fixtures/print/assemble.js'

test('scratch', async () => {
    const body = `
      <nav class="toc"><ol>
        <li><a href="#elsewhere"><span class="toc-label">Second</span> <span class="toc-page" data-for="second"></span></a></li>
        <li><a href="#nowhere"><span class="toc-label">Missing</span> <span class="toc-page" data-for="nowhere"></span></a></li>
      </ol></nav>
      <section class="chapter" id="first"><h2>First</h2><p>One.</p></section>
      <section class="chapter" id="second"><h2>Second</h2><p>Two.</p></section>`
  const r = await printPdf(await fixtureHtml({body}), {log: console.log, metadata: {title: 'T', author: 'A', subject: 'S', keywords: ['a b', 'c'], creator: 'Scorecard', lang: 'en', date: new Date('2010-10-31T00:00:00Z')}})
  console.log(r.tocPages, r.warnings, r.passes)
  writeFileSync('/tmp/exp/fb.pdf', r.pdf)
}, 60000)
