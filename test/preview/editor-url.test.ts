/**
 * Editor links in the preview overlay: templates are checked, values escaped.
 * The links over real HTTP and in a real page are in preview.test.ts.
 */
import {describe, expect, it} from 'vitest'
import {ScorecardError} from '../../src/core/errors.js'
import {defaultEditorUrl, editorLink, parseEditorUrl} from '../../src/preview/editor-url.js'

describe('editor links', () => {
  it('opens Visual Studio Code by default, at the line and column', () => {
    const editor = parseEditorUrl(undefined)
    expect(editor.template).toBe(defaultEditorUrl)
    expect(editorLink(editor, '/home/ana/report/priorities/media.md', 4, 12)).toBe('vscode://file//home/ana/report/priorities/media.md:4:12')
  })

  it('fills in any template with {file}, {line} and {column}', () => {
    const editor = parseEditorUrl('idea://open?file={file}&line={line}&column={column}')
    expect(editorLink(editor, '/p/evidence/a.md', 7, 1)).toBe('idea://open?file=/p/evidence/a.md&line=7&column=1')
    expect(editorLink(parseEditorUrl('http://localhost:5173/__open-in-editor?file={file}:{line}'), '/p/a.md', 2, 3)).toBe(
      'http://localhost:5173/__open-in-editor?file=/p/a.md:2',
    )
  })

  it('URL-escapes the path, so spaces, #, ?, % and & cannot change the link', () => {
    const editor = parseEditorUrl('idea://open?file={file}&line={line}')
    const link = editorLink(editor, '/Users/ana/My Reports #2/50% done?&x=1/media.md', 3, 1)!
    expect(link).toBe('idea://open?file=/Users/ana/My%20Reports%20%232/50%25%20done%3F%26x%3D1/media.md&line=3')
    const url = new URL(link)
    expect(url.searchParams.get('file')).toBe('/Users/ana/My Reports #2/50% done?&x=1/media.md')
    expect(url.searchParams.get('line')).toBe('3')
    expect(url.hash).toBe('')
  })

  it('keeps the colon of a drive letter (Windows paths)', () => {
    expect(editorLink(parseEditorUrl(undefined), 'C:/Users/ana/report/media.md', 1, 1)).toBe('vscode://file/C:/Users/ana/report/media.md:1:1')
  })

  it('turns links off with "none" or an empty template', () => {
    expect(editorLink(parseEditorUrl('none'), '/p/a.md', 1, 1)).toBeUndefined()
    expect(editorLink(parseEditorUrl(''), '/p/a.md', 1, 1)).toBeUndefined()
  })

  it.each([
    ['javascript:alert(document.domain)//{file}', 'javascript'],
    ['JavaScript:alert(1)//{file}', 'javascript'],
    ['data:text/html,<script>alert(1)</script>{file}', 'data'],
    ['vbscript:msgbox({file})', 'vbscript'],
    ['file://{file}', 'file'],
    ['blob:http://x/{file}', 'blob'],
  ])('refuses %s', (template, scheme) => {
    let error: unknown
    try {
      parseEditorUrl(template, '--editor-url')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ScorecardError)
    expect((error as ScorecardError).code).toBe('INVALID_OPTION')
    expect((error as ScorecardError).message).toContain(`--editor-url uses the "${scheme}:" scheme, which is not allowed`)
    expect((error as ScorecardError).hint).toContain('vscode://file/{file}:{line}:{column}')
  })

  it('refuses a template without a scheme, without {file}, or with a scheme made of a placeholder', () => {
    expect(() => parseEditorUrl('/open?file={file}', 'SCORECARD_EDITOR_URL')).toThrow('SCORECARD_EDITOR_URL must start with a URL scheme')
    expect(() => parseEditorUrl('{file}:{line}')).toThrow('must start with a URL scheme')
    expect(() => parseEditorUrl('vscode://file/')).toThrow('must contain {file}')
    expect(() => parseEditorUrl('vscode://file/{file}" onclick="x')).toThrow('must not contain spaces, quotes or angle brackets')
  })
})
