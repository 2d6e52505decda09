/**
 * Tokens of a PDF content stream, for the layout audit's fast reader
 * (audit-scan.ts): numbers, strings, names, arrays, dictionaries and
 * operators, read without allocating for operators and numbers (Chromium
 * writes some 130,000 glyph operators for a 51-page report). Anything
 * malformed, or nested deeper than {@link maxDepth}, throws {@link Unsupported}.
 */

/** Thrown for anything outside the subset the fast reader reads; it never escapes the reader (see `scanPdfLayout`). */
export class Unsupported extends Error {}

/** Deepest structure tree, and deepest nesting of arrays and dictionaries in a content stream, the reader follows. */
export const maxDepth = 200

/** An operand: a number, a string's bytes (as Latin-1), a name, an array or a dictionary. */
export type Operand = number | string | {name: string} | Operand[] | Map<string, Operand>

/** An operator's name as a number: its first three characters, one byte each (operators the reader acts on are at most three long). */
export function opCode(name: string): number {
  return name.charCodeAt(0) | ((name.charCodeAt(1) || 0) << 8) | ((name.charCodeAt(2) || 0) << 16)
}

export const Op = {
  q: opCode('q'),
  Q: opCode('Q'),
  cm: opCode('cm'),
  BT: opCode('BT'),
  ET: opCode('ET'),
  Tf: opCode('Tf'),
  Tm: opCode('Tm'),
  Td: opCode('Td'),
  TD: opCode('TD'),
  TL: opCode('TL'),
  TStar: opCode('T*'),
  Tz: opCode('Tz'),
  Ts: opCode('Ts'),
  Tj: opCode('Tj'),
  TJ: opCode('TJ'),
  Quote: opCode("'"),
  DoubleQuote: opCode('"'),
  BDC: opCode('BDC'),
  BMC: opCode('BMC'),
  EMC: opCode('EMC'),
  BI: opCode('BI'),
  ID: opCode('ID'),
  EI: opCode('EI'),
  d0: opCode('d0'),
  d1: opCode('d1'),
} as const

/** What {@link Lexer.next} read. */
export const Token = {End: 0, Value: 1, Operator: 2, ArrayEnd: 3, DictEnd: 4} as const
export type Token = (typeof Token)[keyof typeof Token]

/** Whitespace (0) and delimiters (1) of PDF syntax; everything else is a regular character. */
const charClass = new Uint8Array(256).fill(2)
for (const code of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) charClass[code] = 0
for (const code of '()<>[]{}/%') charClass[code.charCodeAt(0)] = 1

const escapes: Record<string, string> = {n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\'}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  const lower = code | 0x20
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10
  return -1
}

/**
 * Tokens of a content stream. `next()` says what it read: a value (in
 * `value`: a number, a string's bytes, a name, an array, a dictionary) or an
 * operator (its {@link opCode} in `operator`, longer ones as 0). Anything
 * malformed throws {@link Unsupported}.
 */
export class Lexer {
  value: Operand | undefined
  operator = 0
  private at = 0
  private depth = 0
  constructor(private readonly source: string) {}

  next(): Token {
    const s = this.source
    const n = s.length
    for (;;) {
      while (this.at < n && charClass[s.charCodeAt(this.at)] === 0) this.at++
      if (this.at >= n) return Token.End
      if (s.charCodeAt(this.at) !== 0x25) break
      while (this.at < n && s.charCodeAt(this.at) !== 0x0a && s.charCodeAt(this.at) !== 0x0d) this.at++
    }
    const c = s.charCodeAt(this.at)
    switch (c) {
      case 0x28: // (
        this.value = this.literal()
        return Token.Value
      case 0x3c: // <
        if (s.charCodeAt(this.at + 1) === 0x3c) {
          this.at += 2
          this.value = this.dict()
          return Token.Value
        }
        this.value = this.hex()
        return Token.Value
      case 0x3e: // >
        if (s.charCodeAt(this.at + 1) !== 0x3e) throw new Unsupported('stray >')
        this.at += 2
        return Token.DictEnd
      case 0x5b: {
        // [
        this.at++
        if (++this.depth > maxDepth) throw new Unsupported('arrays nested too deep')
        const items: Operand[] = []
        for (;;) {
          const kind = this.next()
          if (kind === Token.ArrayEnd) break
          if (kind !== Token.Value) throw new Unsupported('bad array')
          items.push(this.value!)
        }
        this.depth--
        this.value = items
        return Token.Value
      }
      case 0x5d: // ]
        this.at++
        return Token.ArrayEnd
      case 0x2f: {
        // /
        const start = ++this.at
        while (this.at < n && charClass[s.charCodeAt(this.at)] === 2) this.at++
        const raw = s.slice(start, this.at)
        this.value = {name: raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : raw}
        return Token.Value
      }
      case 0x29:
      case 0x7b:
      case 0x7d:
        throw new Unsupported('unexpected delimiter')
    }
    const number = this.number()
    if (number !== undefined) {
      this.value = number
      return Token.Value
    }
    const start = this.at
    while (this.at < n && charClass[s.charCodeAt(this.at)] === 2) this.at++
    const length = this.at - start
    if (length <= 3) {
      const word = s.slice(start, this.at)
      if (word === 'true' || word === 'null') throw new Unsupported('keyword operand')
      this.operator = opCode(word)
    } else {
      const word = s.slice(start, this.at)
      if (word === 'true' || word === 'false' || word === 'null') throw new Unsupported('keyword operand')
      this.operator = 0
    }
    return Token.Operator
  }

  /** A number at the cursor (consumed), or undefined (nothing consumed). */
  private number(): number | undefined {
    const s = this.source
    let at = this.at
    let sign = 1
    const first = s.charCodeAt(at)
    if (first === 0x2d || first === 0x2b) {
      if (first === 0x2d) sign = -1
      at++
    }
    let value = 0
    let digits = 0
    while (at < s.length) {
      const code = s.charCodeAt(at)
      if (code < 0x30 || code > 0x39) break
      value = value * 10 + (code - 0x30)
      digits++
      at++
    }
    if (s.charCodeAt(at) === 0x2e) {
      at++
      let scale = 1
      while (at < s.length) {
        const code = s.charCodeAt(at)
        if (code < 0x30 || code > 0x39) break
        scale /= 10
        value += (code - 0x30) * scale
        digits++
        at++
      }
    }
    if (digits === 0 || (at < s.length && charClass[s.charCodeAt(at)] === 2)) return undefined
    this.at = at
    return sign * value
  }

  private hex(): string {
    const s = this.source
    let out = ''
    let high = -1
    for (this.at++; this.at < s.length; this.at++) {
      const code = s.charCodeAt(this.at)
      if (code === 0x3e) {
        this.at++
        return high < 0 ? out : out + String.fromCharCode(high << 4)
      }
      if (charClass[code] === 0) continue
      const value = hexValue(code)
      if (value < 0) throw new Unsupported('bad hex string')
      if (high < 0) high = value
      else {
        out += String.fromCharCode((high << 4) | value)
        high = -1
      }
    }
    throw new Unsupported('unterminated hex string')
  }

  private dict(): Map<string, Operand> {
    if (++this.depth > maxDepth) throw new Unsupported('dictionaries nested too deep')
    const dict = new Map<string, Operand>()
    for (;;) {
      const kind = this.next()
      if (kind === Token.DictEnd) {
        this.depth--
        return dict
      }
      const key = this.value
      if (kind !== Token.Value || typeof key !== 'object' || !('name' in key)) throw new Unsupported('bad dictionary')
      if (this.next() !== Token.Value) throw new Unsupported('bad dictionary value')
      dict.set(key.name, this.value!)
    }
  }

  /** A literal string: balanced parentheses, backslash escapes. */
  private literal(): string {
    const s = this.source
    let depth = 0
    let out = ''
    for (this.at++; this.at < s.length; this.at++) {
      const c = s[this.at]!
      if (c === '\\') {
        const next = s[++this.at]
        if (next === undefined) break
        if (next in escapes) out += escapes[next]
        else if (next >= '0' && next <= '7') {
          let octal = next
          while (octal.length < 3 && (s[this.at + 1] ?? '') >= '0' && (s[this.at + 1] ?? '') <= '7') octal += s[++this.at]
          out += String.fromCharCode(Number.parseInt(octal, 8) & 0xff)
        } else if (next === '\r') {
          if (s[this.at + 1] === '\n') this.at++
        } else if (next !== '\n') out += next
        continue
      }
      if (c === '(') depth++
      else if (c === ')') {
        if (depth === 0) {
          this.at++
          return out
        }
        depth--
      }
      out += c
    }
    throw new Unsupported('unterminated string')
  }
}
