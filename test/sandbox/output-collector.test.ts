import t from 'tap'
import { OutputCollector } from '../../src/sandbox/output-collector.ts'

const bytes = (...values: number[]) => Buffer.from(values)

t.test('a multi-byte character split across chunks decodes whole', async (t) => {
  const collector = new OutputCollector(100)
  const text = Buffer.from('é€😀', 'utf8')
  for (const byte of text) collector.push(bytes(byte))
  t.equal(collector.text(), 'é€😀')
  t.equal(collector.exceeded, false)
  t.equal(collector.receivedBytes, text.length)
})

t.test('a character cut by the cap is dropped, not turned into garbage', async (t) => {
  const collector = new OutputCollector(5)
  t.equal(collector.push(Buffer.from('ab😀cd', 'utf8')), true, 'the crossing chunk is reported')
  t.equal(collector.text(), 'ab')
  t.equal(collector.exceeded, true)
})

t.test('NUL bytes become U+FFFD', async (t) => {
  const collector = new OutputCollector(100)
  collector.push(bytes(0x61, 0x00, 0x62, 0x00))
  t.equal(collector.text(), 'a\uFFFDb\uFFFD')
})

t.test('invalid UTF-8 becomes U+FFFD', async (t) => {
  const collector = new OutputCollector(100)
  collector.push(bytes(0x61, 0xff, 0xfe, 0x62, 0xc3, 0x28, 0xed, 0xa0, 0x80))
  const text = collector.text()
  t.match(text, /^a\uFFFD\uFFFDb\uFFFD\(/)
  t.notMatch(text, /[\uD800-\uDFFF]/, 'no lone surrogates (an encoded surrogate is invalid UTF-8)')
  t.equal(Buffer.from(text, 'utf8').toString('utf8'), text, 'round-trips as valid UTF-8')
})

t.test('an incomplete character at the end of an untruncated stream is replaced', async (t) => {
  const collector = new OutputCollector(100)
  collector.push(bytes(0x61, 0xe2, 0x82))
  t.equal(collector.text(), 'a\uFFFD')
})

t.test('a leading byte order mark is kept', async (t) => {
  const collector = new OutputCollector(100)
  collector.push(Buffer.from('\uFEFFx', 'utf8'))
  t.equal(collector.text(), '\uFEFFx')
})

t.test('exactly at the cap is not truncated; one byte over is', async (t) => {
  const exact = new OutputCollector(4)
  t.equal(exact.push(Buffer.from('ab')), false)
  t.equal(exact.push(Buffer.from('cd')), false)
  t.equal(exact.text(), 'abcd')
  t.equal(exact.exceeded, false)

  const over = new OutputCollector(4)
  over.push(Buffer.from('abcd'))
  t.equal(over.push(Buffer.from('e')), true, 'the byte over the cap is reported')
  t.equal(over.push(Buffer.from('fgh')), false, 'reported once')
  t.equal(over.text(), 'abcd')
  t.equal(over.exceeded, true)
  t.equal(over.receivedBytes, 8)
})

t.test('the marker byte is stripped and not counted against the cap', async (t) => {
  const collector = new OutputCollector(3, { stripMarker: true })
  t.equal(collector.marker, null)
  collector.push(Buffer.alloc(0))
  t.equal(collector.marker, null, 'an empty chunk carries no marker')
  collector.push(Buffer.from('Rab'))
  collector.push(Buffer.from('c'))
  t.equal(collector.marker, 'R')
  t.equal(collector.text(), 'abc')
  t.equal(collector.exceeded, false)
  t.equal(collector.receivedBytes, 3)

  const alone = new OutputCollector(3, { stripMarker: true })
  alone.push(Buffer.from('C'))
  t.equal(alone.marker, 'C')
  t.equal(alone.text(), '')

  const later = new OutputCollector(10, { stripMarker: true })
  later.push(Buffer.from('R'))
  later.push(Buffer.from('Rx'))
  t.equal(later.text(), 'Rx', 'only the very first byte is the marker')
})

t.test('kept bytes are copies: a reused chunk buffer does not change them', async (t) => {
  const collector = new OutputCollector(10)
  const chunk = Buffer.from('abc')
  collector.push(chunk)
  chunk.fill(0x7a)
  t.equal(collector.text(), 'abc')
})

t.test('the live pieces are the stored text, as it arrives: never more, a cut character never sent', async (t) => {
  const pieces: string[] = []
  const collector = new OutputCollector(9, { stripMarker: true, onText: (text) => pieces.push(text) })
  collector.push(Buffer.from('Rab'))
  t.same(pieces, ['ab'], 'sent at once, marker stripped')
  collector.push(bytes(0xe2, 0x82))
  t.same(pieces, ['ab'], 'half a character waits for the rest')
  collector.push(bytes(0xac, 0x00))
  t.same(pieces, ['ab', '€\uFFFD'])
  collector.push(Buffer.from('x😀yz'))
  t.equal(collector.exceeded, true)
  t.equal(pieces.join(''), collector.text(), 'joined, they are the stored text')
  t.equal(collector.text(), 'ab€\uFFFDx', 'the emoji cut by the cap is in neither')

  const ending: string[] = []
  const open = new OutputCollector(10, { onText: (text) => ending.push(text) })
  open.push(bytes(0x61, 0xe2, 0x82))
  t.equal(open.text(), 'a\uFFFD')
  t.equal(ending.join(''), 'a\uFFFD', 'an incomplete end of an untruncated stream is sent as stored')
})
