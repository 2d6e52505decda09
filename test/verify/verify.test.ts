import {rename, rm} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {check} from '../../src/index.js'
import {renderJson} from '../../src/export/index.js'
import {presentReport} from '../../src/present/index.js'
import {project, runCli, type Edit} from '../helpers.js'

/** Every message of a check, as `file rule severity: reason`, for plain assertions. */
async function checkFixture(edits: readonly Edit[] = [], options: Parameters<typeof check>[1] = {}) {
  const dir = await project('verify', edits)
  const result = await check(dir, {cwd: dir, env: {}, ...options})
  const messages = result.files.flatMap((file) =>
    file.messages.map((message) => ({
      file: path.basename(file.path),
      rule: message.ruleId,
      severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
      reason: message.reason,
      hint: String(message.note ?? ''),
      line: message.line,
    })),
  )
  return {dir, result, messages}
}

const analysis = 'evidence/analysis-2010-10.md'

/** Rule ids, leaving out the stated-commitment and attribution rules an edited excerpt also trips. */
const sourceRules = (messages: readonly {rule: string | undefined}[]) =>
  messages.map((message) => message.rule).filter((rule) => !rule!.startsWith('stated-') && rule !== 'direct-without-quotation-marks')

describe('verifying excerpts against their sources', () => {
  it('verifies a plain-text excerpt across a line-break hyphen, with straight quotes for curly ones and "--" for an em dash', async () => {
    const {result, messages} = await checkFixture()
    expect(messages).toEqual([])
    expect(result.ok).toBe(true)
    const verification = result.report!.verification!
    expect([...verification.verified]).toEqual([
      ['analysis-2010-10', true],
      ['news-2010-07-17', true],
    ])
    expect(verification.sources.map((source) => [source.file, source.available, source.sha256?.length])).toEqual([
      ['analysis.txt', true, 64],
      ['news.html', true, 64],
    ])
  })

  it('marks each excerpt verified in scorecard.json and records the sources with their SHA-256', async () => {
    const {result} = await checkFixture()
    const json = JSON.parse(renderJson(presentReport(result.report!))) as {evidence: {id: string; verified: boolean; voice: string; locator: string}[]; sources: {file: string; sha256: string}[]}
    expect(json.evidence.map((item) => [item.id, item.verified, item.voice, item.locator])).toEqual([
      ['news-2010-07-17', true, 'narrative', 'section “Ministers Meet”'],
      ['analysis-2010-10', true, 'direct', 'p. 6'],
    ])
    expect(json.sources.map((source) => source.file)).toEqual(['analysis.txt', 'news.html'])
    expect(json.sources[0]!.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('reports a changed word as an error that shows the first differing characters and the nearest passage', async () => {
    const {result, messages} = await checkFixture([{file: analysis, replace: 'and did not.', with: 'and did so.'}])
    expect(result.ok).toBe(false)
    expect(messages).toHaveLength(1)
    const [message] = messages
    expect(message!.rule).toBe('excerpt-not-in-source')
    expect(message!.severity).toBe('error')
    expect(message!.line).toBe(15)
    expect(message!.reason).toContain('the excerpt has “so. He said')
    expect(message!.reason).toContain('where the source has “not. He said')
    expect(message!.hint).toContain('Nearest passage in analysis.txt: “The chair promised to pro- tect journalists, and did not.')
    expect(result.report).toBeUndefined()
  })

  it('finds the nearest passage from the end when the first word differs', async () => {
    const {messages} = await checkFixture([{file: 'evidence/news-2010-07-17.md', replace: 'The ministers agreed', with: 'Those ministers agreed'}])
    expect(messages.map((message) => message.rule)).toEqual(['excerpt-not-in-source'])
    expect(messages[0]!.reason).toContain('before “…e ministers agreed to update t” the excerpt has “Thos”')
    expect(messages[0]!.hint).toContain('The ministers agreed to update the Vienna Document before the summit.')
  })

  it('accepts [sic] and an ellipsis for an omission, in order only', async () => {
    const ok = await checkFixture([{file: analysis, replace: 'and did not. He said "we will try" --', with: 'and did not [sic] … "we will try" --'}])
    expect(ok.messages).toEqual([])
    const reversed = await checkFixture([{file: analysis, replace: /The chair promised.*$/m, with: 'and the laws passed anyway … The chair promised'}])
    expect(sourceRules(reversed.messages)).toEqual(['excerpt-not-in-source'])
  })

  it('does not ignore a real difference in letters, case or punctuation', async () => {
    for (const [from, to] of [
      ['The chair', 'The Chair'],
      ['did not.', 'did not;'],
      ['did not', 'didnot'],
      ['laws passed', 'law passed'],
    ] as const) {
      const {messages} = await checkFixture([{file: analysis, replace: from, with: to}])
      expect(messages.map((message) => message.rule), `${from} → ${to}`).toEqual(['excerpt-not-in-source'])
    }
  })

  it('says "not verified" once per missing source, as info, and marks its excerpts unverified', async () => {
    const {result, messages} = await checkFixture([{file: 'sources/news.html', remove: true}])
    expect(result.ok).toBe(true)
    expect(messages.map((message) => [message.file, message.rule, message.severity])).toEqual([['news-2010-07-17.md', 'source-not-verified', 'info']])
    expect(messages[0]!.reason).toContain('Not verified: source "news.html" is not available')
    expect(result.report!.verification!.verified.get('news-2010-07-17')).toBe(false)
    expect(result.report!.verification!.verified.get('analysis-2010-10')).toBe(true)
  })

  it('takes the sources folder from --sources or SCORECARD_SOURCES before scorecard.yml', async () => {
    const dir = await project('verify')
    await rename(path.join(dir, 'sources'), path.join(dir, 'elsewhere'))
    const none = await check(dir, {cwd: dir, env: {}})
    expect(none.files.flatMap((file) => file.messages.map((message) => message.ruleId))).toEqual(['source-not-verified', 'source-not-verified'])
    const byOption = await check(dir, {cwd: dir, env: {}, sources: 'elsewhere'})
    expect(byOption.report!.verification!.verified.get('analysis-2010-10')).toBe(true)
    const byEnv = await check(dir, {cwd: dir, env: {SCORECARD_SOURCES: path.join(dir, 'elsewhere')}})
    expect(byEnv.report!.verification!.verified.get('news-2010-07-17')).toBe(true)
    const cli = await runCli(['check', '--sources', 'elsewhere', '--format', 'json'], dir)
    expect(cli.code).toBe(0)
    expect(JSON.parse(cli.stdout)).toEqual([])
  })

  it('checks a stated quotation against the source too, showing where the quotation differs', async () => {
    // The quote is in neither the excerpt nor the source: the link check warns, verification is an error.
    const {result, messages} = await checkFixture([{file: 'priorities/media.md', replace: 'quote: "we will try"', with: 'quote: "protect all journalists"\n  words: summary'}])
    expect(result.ok).toBe(false)
    expect(messages.map((message) => [message.file, message.rule, message.severity, message.line])).toEqual([
      ['media.md', 'stated-quote-mismatch', 'warning', 7],
      ['media.md', 'stated-not-in-source', 'error', 7],
    ])
    const stated = messages[1]!
    expect(stated.reason).toContain('The stated quotation is not in analysis.txt: before “… journalists” the quotation has “protect all” where the source has “promised to pro-tect”')
    expect(stated.hint).toContain('Nearest passage in analysis.txt: “to pro- tect journalists')
    // Across the line-break hyphen, with straight quotes for curly ones, the quotation is found.
    const across = await checkFixture([{file: 'priorities/media.md', replace: 'quote: "we will try"', with: `quote: 'protect journalists, and did not. He said "we will try"'\n  words: summary`}])
    expect(across.messages.map((message) => message.rule)).toEqual([])
  })

  it('warns when an excerpt names no source file while a sources folder is in use, and not without one', async () => {
    const noFile = {file: 'evidence/news-2010-07-17.md', replace: 'sourceFile: news.html\n', with: ''} as const
    const {result, messages} = await checkFixture([noFile])
    expect(messages.map((message) => [message.file, message.rule, message.severity])).toEqual([['news-2010-07-17.md', 'missing-source-file', 'warning']])
    expect(messages[0]!.hint).toContain('Add "sourceFile:"')
    expect(result.report!.verification!.verified.get('news-2010-07-17')).toBe(false)
    expect(result.report!.verification!.verified.get('analysis-2010-10')).toBe(true)
    const noFolder = await checkFixture([noFile, {file: 'scorecard.yml', replace: /^sources:\n(?: {2}.*\n)+/m, with: ''}])
    expect(noFolder.messages.map((message) => message.rule)).not.toContain('missing-source-file')
  })

  it('reports a changed source against its recorded SHA-256, and an unrecorded one', async () => {
    const changed = await checkFixture([{file: 'sources/news.html', replace: 'Observers were cautious.', with: 'Observers were hopeful.'}])
    expect(changed.messages.map((message) => [message.file, message.rule, message.severity])).toEqual([['scorecard.yml', 'source-changed', 'error']])
    expect(changed.messages[0]!.line).toBe(15)
    const unrecorded = await checkFixture([{file: 'scorecard.yml', replace: /    news\.html:\n      sha256: [0-9a-f]+\n/, with: ''}])
    expect(unrecorded.messages.map((message) => [message.rule, message.severity])).toEqual([['source-not-locked', 'warning']])
    expect(unrecorded.messages[0]!.hint).toMatch(/news\.html: \{sha256: [0-9a-f]{64}\}/)
  })
})

describe('locators checked against the source', () => {
  it('rejects a page the page markers contradict, and a page past the marked text', async () => {
    const wrong = await checkFixture([{file: analysis, replace: 'page: 6', with: 'page: 7'}])
    expect(wrong.messages.map((message) => message.rule)).toEqual(['page-locator-mismatch'])
    expect(wrong.messages[0]!.reason).toContain('put the excerpt on p. 6, not p. 7')
    const unmarked = await checkFixture([{file: analysis, replace: /The chair promised.*$/m, with: 'Officials met editors in the capital'}])
    expect(sourceRules(unmarked.messages)).toEqual(['page-not-in-source'])
  })

  it('rejects a page on a source without page markers', async () => {
    const {messages} = await checkFixture([{file: 'evidence/news-2010-07-17.md', replace: /locator:\n  section: Ministers Meet/, with: 'locator: p. 1'}])
    expect(messages.map((message) => message.rule)).toEqual(['page-not-in-source'])
    expect(messages[0]!.hint).toContain('Never state a page the source does not carry')
  })

  it('requires a section to be a heading of the source that comes before the excerpt', async () => {
    const missing = await checkFixture([{file: 'evidence/news-2010-07-17.md', replace: 'section: Ministers Meet', with: 'section: Ministers Met'}])
    expect(missing.messages.map((message) => message.rule)).toEqual(['section-not-in-source'])
    const after = await checkFixture([{file: 'evidence/news-2010-07-17.md', replace: 'section: Ministers Meet', with: 'section: Reactions'}])
    expect(after.messages.map((message) => message.rule)).toEqual(['section-locator-mismatch'])
    const plain = await checkFixture([{file: analysis, replace: 'page: 6', with: 'section: Press Freedom\n  paragraph: 2'}])
    expect(plain.messages).toEqual([])
    const paragraph = await checkFixture([{file: analysis, replace: 'page: 6', with: 'section: Press Freedom\n  paragraph: 1'}])
    expect(paragraph.messages.map((message) => message.rule)).toEqual(['paragraph-locator-mismatch'])
  })
})

describe('attribution', () => {
  it('warns when direct speech has no quotation marks', async () => {
    const {messages} = await checkFixture([
      {file: analysis, replace: 'He said "we will try" --', with: 'He said he would try --'},
      {file: 'sources/analysis.txt', replace: 'He said “we will try”—', with: 'He said he would try—'},
      {file: 'scorecard.yml', replace: /    analysis\.txt:\n      sha256: [0-9a-f]+\n/, with: ''},
      {file: 'priorities/media.md', replace: 'quote: "we will try"', with: 'quote: "protect journalists"\n  words: summary'},
    ])
    expect(messages.map((message) => message.rule).sort()).toEqual(['direct-without-quotation-marks', 'source-not-locked'])
  })

  it("warns when a commitment shown as the office-holder's own words cites reported speech", async () => {
    const {messages} = await checkFixture([{file: analysis, replace: 'voice: direct', with: 'voice: reported'}])
    expect(messages.map((message) => [message.file, message.rule])).toEqual([['media.md', 'stated-not-own-words']])
    expect(messages[0]!.reason).toContain('"analysis-2010-10" is reported speech about A Minister')
  })

  it("warns when a commitment shown as the office-holder's own words quotes the author's words around a direct quotation", async () => {
    const outside = await checkFixture([{file: 'priorities/media.md', replace: 'quote: "we will try"', with: 'quote: "protect journalists"'}])
    expect(outside.messages.map((message) => [message.file, message.rule, message.severity, message.line])).toEqual([['media.md', 'stated-not-own-words', 'warning', 7]])
    expect(outside.messages[0]!.reason).toContain('not inside the quotation marks of "analysis-2010-10"')
    // The same words as a summary, or the words inside the marks (curly or straight), are fine.
    const summary = await checkFixture([{file: 'priorities/media.md', replace: 'quote: "we will try"', with: 'quote: "protect journalists"\n  words: summary'}])
    expect(summary.messages).toEqual([])
    const straddling = await checkFixture([{file: 'priorities/media.md', replace: 'quote: "we will try"', with: `quote: 'He said "we will try'`}])
    expect(straddling.messages.map((message) => message.rule)).toEqual(['stated-not-own-words'])
    const curly = await checkFixture([{file: 'priorities/media.md', replace: 'quote: "we will try"', with: 'quote: "will try"'}])
    expect(curly.messages).toEqual([])
  })

  it('treats an excerpt with a speaker and no voice as reported speech', async () => {
    const {result} = await checkFixture([{file: analysis, replace: 'voice: direct\n', with: ''}])
    expect(result.report!.evidence.find((item) => item.id === 'analysis-2010-10')!.voice).toBe('reported')
  })

  it('warns about a speaker on narrative and a missing speaker on reported speech', async () => {
    const narrative = await checkFixture([{file: analysis, replace: 'voice: direct', with: 'voice: narrative'}])
    expect(narrative.messages.map((message) => message.rule).sort()).toEqual(['speaker-in-narrative', 'stated-not-own-words'])
    const reported = await checkFixture([{file: 'evidence/news-2010-07-17.md', replace: 'type: news', with: 'type: news\nvoice: reported'}])
    expect(reported.messages.map((message) => message.rule)).toEqual(['missing-speaker'])
  })
})

describe("who the office-holder is (officeHolder in scorecard.yml)", () => {
  /** Each message as `file:line:col rule severity`, with its reason and hint. */
  const located = (result: Awaited<ReturnType<typeof checkFixture>>['result']) =>
    result.files.flatMap((file) =>
      file.messages.map((message) => ({
        at: `${path.basename(file.path)}:${message.line}:${message.column}`,
        rule: message.ruleId,
        severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
        reason: message.reason,
        hint: String(message.note ?? ''),
      })),
    )
  const journalist = {file: analysis, replace: 'speaker: A Minister', with: 'speaker: A Journalist, Example News'}

  it("warns, at stated.cite, when a commitment shown as the office-holder's own words cites someone else's direct speech", async () => {
    const {result} = await checkFixture([journalist])
    expect(located(result)).toEqual([
      {
        // media.md line 8 is `  cite: analysis-2010-10`; column 9 is where the value starts.
        at: 'media.md:8:9',
        rule: 'stated-not-office-holder',
        severity: 'warning',
        reason: 'The stated commitment is shown as the own words of The Chair, but "analysis-2010-10" is direct speech by A Journalist, Example News, whom officeHolder.speakers in scorecard.yml does not list',
        hint: expect.stringContaining('add "A Journalist" to officeHolder.speakers in scorecard.yml'),
      },
    ])
    expect(located(result)[0]!.hint).toContain('"words: summary"')
    expect(result.ok).toBe(true)
    // A warning: --strict fails on it.
    expect((await check(await project('verify', [journalist]), {cwd: '.', env: {}, strict: true})).ok).toBe(false)
    // The same words as the journalist's summary are fine.
    const summary = await checkFixture([journalist, {file: 'priorities/media.md', replace: 'cite: analysis-2010-10', with: 'cite: analysis-2010-10\n  words: summary'}])
    expect(summary.messages).toEqual([])
  })

  it('accepts a listed speaker by the whole speaker or the name before a comma or parenthesis, ignoring case, spacing and apostrophes', async () => {
    const listed = (name: string): Edit => ({file: 'scorecard.yml', replace: '    - A Minister\n', with: `    - ${JSON.stringify(name)}\n`})
    const speaker = (name: string): Edit => ({file: analysis, replace: 'speaker: A Minister', with: `speaker: ${JSON.stringify(name)}`})
    for (const [name, spoken] of [
      ['A Minister', 'A Minister, foreign minister of Example and chair'],
      ['a  MINISTER', 'A Minister'],
      ['A Minister, foreign minister', 'A Minister, foreign minister'],
      ['The Government of Example', 'The Government of Example (its programme)'],
      ["The Chair's office", 'The Chair’s office'],
    ]) {
      const {messages} = await checkFixture([listed(name!), speaker(spoken!)])
      expect(messages, `${name} for ${spoken}`).toEqual([])
    }
    // A name that merely starts the same is someone else; so is a description on its own.
    for (const spoken of ['A Ministerial Aide', 'Deputy to A Minister', 'foreign minister, A Minister']) {
      const {messages} = await checkFixture([speaker(spoken)])
      expect(messages.map((message) => message.rule), spoken).toEqual(['stated-not-office-holder'])
    }
  })

  it('warns when the direct speech names no speaker: no one is known to speak for the office-holder', async () => {
    const {messages} = await checkFixture([{file: analysis, replace: 'speaker: A Minister\n', with: ''}])
    expect(messages.map((message) => [message.file, message.rule]).sort()).toEqual([['analysis-2010-10.md', 'missing-speaker'], ['media.md', 'stated-not-office-holder']])
    expect(messages.find((message) => message.rule === 'stated-not-office-holder')!.reason).toContain('"analysis-2010-10" is direct speech that names no speaker')
  })

  it("checks an official statement in its own words by its author or publisher", async () => {
    const statement: Edit[] = [
      {file: analysis, replace: 'type: analysis', with: 'type: official-statement'},
      {file: analysis, replace: 'voice: direct\nspeaker: A Minister\n', with: 'voice: narrative\n'},
    ]
    const {result} = await checkFixture(statement)
    expect(located(result)).toMatchObject([
      {
        at: 'media.md:8:9',
        rule: 'stated-not-office-holder',
        reason: expect.stringContaining('"analysis-2010-10" is an official statement by A. Writer for Example Institute, whom'),
        hint: expect.stringContaining('add "Example Institute" to officeHolder.speakers'),
      },
    ])
    const byPublisher = await checkFixture([...statement, {file: 'scorecard.yml', replace: '    - A Minister\n', with: '    - Example Institute\n'}])
    expect(byPublisher.messages).toEqual([])
    const byAuthor = await checkFixture([...statement, {file: 'scorecard.yml', replace: '    - A Minister\n', with: '    - A. Writer\n'}])
    expect(byAuthor.messages).toEqual([])
  })

  it('without officeHolder, says once (info, on scorecard.yml) that whose words are cited is not checked', async () => {
    const unset: Edit = {file: 'scorecard.yml', replace: /officeHolder:\n(?: {2}.*\n)+/, with: ''}
    const {result} = await checkFixture([unset, journalist])
    expect(located(result)).toMatchObject([
      {
        at: 'scorecard.yml:undefined:undefined',
        rule: 'missing-office-holder',
        severity: 'info',
        reason: 'A stated commitment is shown as the office-holder\'s own words, but scorecard.yml has no "officeHolder": whose words they cite is not checked',
      },
    ])
    expect(result.ok).toBe(true)
    expect((await check(await project('verify', [unset, journalist]), {cwd: '.', env: {}, strict: true})).ok).toBe(true)
    // Nothing to say when no commitment is shown as the office-holder's own words.
    const summary = await checkFixture([unset, {file: 'priorities/media.md', replace: 'cite: analysis-2010-10', with: 'cite: analysis-2010-10\n  words: summary'}])
    expect(summary.messages).toEqual([])
  })

  it('validates the setting: a name and at least one speaker, no other fields', async () => {
    const empty = await checkFixture([{file: 'scorecard.yml', replace: '  speakers:\n    - A Minister\n', with: '  speakers: []\n'}])
    expect(empty.messages.map((message) => [message.file, message.rule, message.line])).toEqual([['scorecard.yml', 'invalid-field', 40]])
    const typo = await checkFixture([{file: 'scorecard.yml', replace: '  speakers:', with: '  speaker:'}])
    expect(typo.messages.map((message) => message.rule)).toContain('unknown-field')
  })
})

describe('source formats', () => {
  it('reads Markdown headings and PDF pages', async () => {
    const {PDFDocument, StandardFonts} = await import('pdf-lib')
    const pdf = await PDFDocument.create()
    const font = await pdf.embedFont(StandardFonts.Helvetica)
    for (const line of ['The ministers agreed to update the Vienna Document before the summit.', 'Observers were cautious.']) {
      const page = pdf.addPage([400, 200])
      page.drawText(line, {x: 20, y: 100, size: 8, font})
    }
    const bytes = await pdf.save()
    const markdown = '# Ministers Meet\n\nThe ministers agreed to **update the Vienna Document** before the summit.\n'
    const news = 'evidence/news-2010-07-17.md'
    const fromPdf = await checkFixture([
      {file: 'sources/news.pdf', write: bytes},
      {file: news, replace: 'sourceFile: news.html', with: 'sourceFile: news.pdf'},
      {file: news, replace: /locator:\n  section: Ministers Meet/, with: 'locator: {page: 1}'},
    ])
    expect(fromPdf.messages.map((message) => message.rule)).toEqual(['source-not-locked'])
    expect(fromPdf.result.report!.verification!.verified.get('news-2010-07-17')).toBe(true)
    const wrongPage = await checkFixture([
      {file: 'sources/news.pdf', write: bytes},
      {file: news, replace: 'sourceFile: news.html', with: 'sourceFile: news.pdf'},
      {file: news, replace: /locator:\n  section: Ministers Meet/, with: 'locator: {page: 2}'},
    ])
    expect(wrongPage.messages.map((message) => message.rule).sort()).toEqual(['page-locator-mismatch', 'source-not-locked'])
    const fromMarkdown = await checkFixture([
      {file: 'sources/news.md', write: markdown},
      {file: news, replace: 'sourceFile: news.html', with: 'sourceFile: news.md'},
    ])
    expect(fromMarkdown.messages.map((message) => message.rule)).toEqual(['source-not-locked'])
    expect(fromMarkdown.result.report!.verification!.verified.get('news-2010-07-17')).toBe(true)
  })

  it('refuses a source type it cannot read', async () => {
    const {messages} = await checkFixture([{file: 'evidence/news-2010-07-17.md', replace: 'sourceFile: news.html', with: 'sourceFile: news.docx'}])
    expect(messages.map((message) => message.rule)).toEqual(['unsupported-source'])
  })
})

it('a project without its sources folder checks clean: info only', async () => {
  const dir = await project('verify')
  await rm(path.join(dir, 'sources'), {recursive: true})
  const result = await check(dir, {cwd: dir, env: {}})
  expect(result.errors).toBe(0)
  expect(result.warnings).toBe(0)
})
