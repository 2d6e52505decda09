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
})
