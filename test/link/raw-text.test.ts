/**
 * Raw-text tags found by parse5's tokenizer, as rehype-raw would read them:
 * quoted attribute values and comments hide tags, and a tag left open at the
 * end of a block still counts.
 */
import {describe, expect, it} from 'vitest'
import {rawTextTags} from '../../src/link/raw-text.js'

describe('rawTextTags', () => {
  it('finds raw-text start tags in any case, with their offsets', () => {
    expect(rawTextTags('<p>a</p><SCRIPT src="x.js"></script> and <style>b</style>')).toEqual([
      {offset: 8, name: 'script'},
      {offset: 41, name: 'style'},
    ])
    expect(rawTextTags('<textarea>\n<title>x</title>')).toEqual([
      {offset: 0, name: 'textarea'},
      {offset: 11, name: 'title'},
    ])
  })

  it('finds a raw-text tag the block leaves unfinished', () => {
    expect(rawTextTags('<script')).toEqual([{offset: 0, name: 'script'}])
    expect(rawTextTags('text <style\nmedia="print')).toEqual([{offset: 5, name: 'style'}])
    expect(rawTextTags('<iframe src=x')).toEqual([{offset: 0, name: 'iframe'}])
  })

  it('ignores tags inside attribute values and comments, end tags, and other elements', () => {
    expect(rawTextTags('<a title="<script>">x</a>')).toEqual([])
    expect(rawTextTags("<span data-x='<style>'>")).toEqual([])
    expect(rawTextTags('<!-- <script> --> <b>bold</b> </script>')).toEqual([])
    expect(rawTextTags('<div title="a<script')).toEqual([])
    expect(rawTextTags('<scripts> <stylesheet> <div')).toEqual([])
    expect(rawTextTags('no tags at all, 1 < 2')).toEqual([])
  })
})
