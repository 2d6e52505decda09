/**
 * words.ts: word-level changes with context.
 */
import {describe, expect, it} from 'vitest'
import {textChange} from '../../src/diff/index.js'

describe('textChange', () => {
  const before = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'

  it('keeps a few words of context around each change', () => {
    expect(textChange(before, before.replace('ten', 'TEN'), {context: 3, clip: 40})).toEqual({
      segments: [
        {op: 'equal', text: '… seven eight nine '},
        {op: 'delete', text: 'ten'},
        {op: 'insert', text: 'TEN'},
        {op: 'equal', text: ' eleven twelve thirteen …'},
      ],
      wordsAdded: 1,
      wordsRemoved: 1,
      truncated: false,
    })
  })

  it('is null when only whitespace changed', () => {
    expect(textChange(before, `${before}\n`, {context: 3, clip: 40})).toBeNull()
    expect(textChange('a b', 'a\n  b', {context: 3, clip: 40})).toBeNull()
  })

  it('shortens long inserted runs to the clip length', () => {
    const inserted = Array.from({length: 30}, (_, index) => `w${index}`).join(' ')
    const change = textChange('start end', `start ${inserted} end`, {context: 3, clip: 10})!
    expect(change.wordsAdded).toBe(30)
    expect(change.segments.find((segment) => segment.op === 'insert')?.text).toBe('w0 w1 w2 w3 w4 … w25 w26 w27 w28 w29')
  })

  it('treats a citation as one token', () => {
    const change = textChange(
      'Agreed in June [@csis-summit-objective-arms-control; @news, p. 6] by all.',
      'Agreed in June [@csis-summit-objective-security; @news, p. 6] by all.',
      {context: 8, clip: 40},
    )!
    expect(change.segments.filter((segment) => segment.op !== 'equal')).toEqual([
      {op: 'delete', text: '[@csis-summit-objective-arms-control; @news, p. 6]'},
      {op: 'insert', text: '[@csis-summit-objective-security; @news, p. 6]'},
    ])
    expect(change.wordsAdded).toBe(4)
  })

  it('with ignoreTypography, curly and straight quotes, dashes and ellipses are the same', () => {
    const curly = 'It’s the “Astana” summit – in December…'
    const straight = 'It\'s the "Astana" summit - in December...'
    expect(textChange(curly, straight, {context: 8, clip: 40})).not.toBeNull()
    expect(textChange(curly, straight, {context: 8, clip: 40, ignoreTypography: true})).toBeNull()
    // A real edit still shows, in plain typography.
    expect(textChange(curly, straight.replace('December', 'November'), {context: 8, clip: 40, ignoreTypography: true})?.segments).toEqual([
      {op: 'equal', text: 'It\'s the "Astana" summit - in '},
      {op: 'delete', text: 'December'},
      {op: 'insert', text: 'November'},
      {op: 'equal', text: '...'},
    ])
  })
})
