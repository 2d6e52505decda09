/**
 * links.ts: the Markdown comment's links to changed lines on the forge.
 * Through the real binary with the GitHub variables: test/diff/cli.test.ts.
 */
import {describe, expect, it} from 'vitest'
import {diffProjects, formatDiffMarkdown, forgeFileLink, forgeLinks} from '../../src/diff/index.js'
import {changedLines} from '../../src/diff/lines.js'
import {baseDir, headDir} from './fixture.js'

const sha = '0123456789abcdef0123456789abcdef01234567'

describe('changed lines', () => {
  it('runs from the first to the last line that differs, on the head', () => {
    expect(changedLines(['a', 'b', 'c', 'd'], ['a', 'B', 'c', 'D'])).toEqual({start: 2, end: 4})
    expect(changedLines(['a', 'b'], ['a', 'x', 'y', 'b'])).toEqual({start: 2, end: 3})
    // Lines only removed: the line where they were.
    expect(changedLines(['a', 'b', 'c'], ['a', 'c'])).toEqual({start: 2, end: 2})
    expect(changedLines(['a', 'b'], ['a'])).toEqual({start: 1, end: 1})
    expect(changedLines(['a'], ['a'])).toBeNull()
  })
})

describe('links to changed lines', () => {
  it('points at the blob of the commit, the project folder and the line range', () => {
    const links = forgeLinks({repositoryUrl: 'https://github.com/octo/report/', headCommit: sha, baseCommit: null, prefix: 'assessment'})
    expect(links).toEqual({repositoryUrl: 'https://github.com/octo/report', headCommit: sha, baseCommit: null, prefix: 'assessment/'})
    expect(forgeFileLink(links, 'head', 'priorities/media.md', {start: 5, end: 7})).toBe(`https://github.com/octo/report/blob/${sha}/assessment/priorities/media.md#L5-L7`)
    expect(forgeFileLink(links, 'head', 'priorities/media.md', {start: 9, end: 9})).toBe(`https://github.com/octo/report/blob/${sha}/assessment/priorities/media.md#L9`)
    expect(forgeFileLink(links, 'head', 'priorities/media.md', null)).toBe(`https://github.com/octo/report/blob/${sha}/assessment/priorities/media.md`)
    // No base commit: a removed file is named, not linked.
    expect(forgeFileLink(links, 'base', 'priorities/old.md', {start: 1, end: 3})).toBeUndefined()
  })

  it('escapes each path segment', () => {
    const links = forgeLinks({repositoryUrl: 'https://github.com/octo/report', headCommit: sha, prefix: 'My Report #2/'})
    expect(forgeFileLink(links, 'head', 'priorities/a?b.md', {start: 1, end: 1})).toBe(`https://github.com/octo/report/blob/${sha}/My%20Report%20%232/priorities/a%3Fb.md#L1`)
  })

  it('refuses a repository URL that is not http(s), and a commit that is not a hash', () => {
    expect(() => forgeLinks({repositoryUrl: 'javascript:alert(1)', headCommit: sha}, '--repository-url')).toThrow('--repository-url must be an https: (or http:) URL')
    expect(() => forgeLinks({repositoryUrl: 'data:text/html,x', headCommit: sha})).toThrow('must be an https: (or http:) URL')
    expect(() => forgeLinks({repositoryUrl: 'not a url', headCommit: sha})).toThrow('is not a URL')
    expect(() => forgeLinks({repositoryUrl: 'https://github.com/o/r', headCommit: 'main"><script>'})).toThrow('must be a commit hash')
  })

  it('formatDiffMarkdown links every file name with links, and names them plainly without', async () => {
    const diff = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: headDir})
    const plain = formatDiffMarkdown(diff)
    expect(plain).not.toContain('](')
    const linked = formatDiffMarkdown(diff, {links: forgeLinks({repositoryUrl: 'https://github.com/o/r', headCommit: sha, baseCommit: null})})
    const named = [...plain.matchAll(/`((?:priorities|evidence|report)\/[^`]+)`/g)].length
    const links = [...linked.matchAll(/\[`((?:priorities|evidence|report)\/[^`]+)`\]\(https:\/\/github\.com\/o\/r\/blob\/[0-9a-f]{40}\/[^)]+\)/g)].length
    // Every name but the removed files' (no base commit) is a link.
    const removed = diff.priorities.filter((item) => item.change === 'removed').length + diff.evidence.filter((item) => item.change === 'removed').length
    expect(links).toBe(named - removed)
    expect(linked).toContain(`[\`priorities/media.md\`](https://github.com/o/r/blob/${sha}/priorities/media.md#L5-L7)`)
  })
})
