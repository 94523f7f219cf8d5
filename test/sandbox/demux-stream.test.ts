import { PassThrough } from 'node:stream'
import Docker from 'dockerode'
import t from 'tap'
import { type DemuxedStream, DockerStreamDemuxer, demuxDockerStream } from '../../src/sandbox/demux-stream.ts'

function frame(type: number, payload: Buffer | string): Buffer {
  const body = Buffer.from(payload)
  const header = Buffer.alloc(8)
  header[0] = type
  header.writeUInt32BE(body.length, 4)
  return Buffer.concat([header, body])
}

function collecting() {
  const out: Record<DemuxedStream, Buffer[]> = { stdout: [], stderr: [] }
  const errors: Error[] = []
  const demuxer = new DockerStreamDemuxer({
    onOutput: (stream, bytes) => out[stream].push(Buffer.from(bytes)),
    onError: (error) => errors.push(error),
  })
  const text = (stream: DemuxedStream) => Buffer.concat(out[stream]).toString('latin1')
  return { demuxer, text, errors, out }
}

t.test('tens of thousands of one-byte frames in one read: all bytes, in order, no stack overflow', async (t) => {
  const frames: Buffer[] = []
  let expectedOut = ''
  let expectedErr = ''
  for (let i = 0; i < 200_000; i++) {
    const char = String.fromCharCode(97 + (i % 26))
    frames.push(frame(i % 3 === 0 ? 2 : 1, char))
    if (i % 3 === 0) expectedErr += char
    else expectedOut += char
  }
  const read = Buffer.concat(frames)
  const { demuxer, text, errors } = collecting()
  demuxer.push(read)
  t.equal(text('stdout'), expectedOut)
  t.equal(text('stderr'), expectedErr)
  t.strictSame(errors, [])
  t.equal(demuxer.partial, false)
})

t.test('docker-modem’s recursive demuxer fails on the same read (why this module exists)', async (t) => {
  const read = Buffer.concat(Array.from({ length: 12_000 }, () => frame(1, 'x')))
  const stream = new PassThrough()
  new Docker().modem.demuxStream(stream, new PassThrough(), new PassThrough())
  t.throws(() => stream.emit('data', read), RangeError, 'Maximum call stack size exceeded')
})

t.test('any cut of the stream gives the same output: headers and payloads split anywhere', async (t) => {
  const stream = Buffer.concat([
    frame(1, 'hello '),
    frame(2, 'warn\n'),
    frame(1, ''),
    frame(0, 'echo '),
    frame(1, Buffer.from('wörld\n')),
    frame(2, 'x'.repeat(1000)),
  ])
  for (const size of [1, 2, 3, 7, 8, 9, 13, 64, stream.length]) {
    const { demuxer, text, errors } = collecting()
    for (let at = 0; at < stream.length; at += size) demuxer.push(stream.subarray(at, at + size))
    t.equal(text('stdout'), `hello echo ${Buffer.from('wörld\n').toString('latin1')}`, `chunks of ${size}`)
    t.equal(text('stderr'), `warn\n${'x'.repeat(1000)}`)
    t.strictSame(errors, [])
  }
})

t.test('a frame announcing 4 GiB allocates nothing up front; its bytes pass on as they come', async (t) => {
  const { demuxer, out } = collecting()
  const header = Buffer.alloc(8)
  header[0] = 1
  header.writeUInt32BE(0xffffffff, 4)
  demuxer.push(header)
  demuxer.push(Buffer.from('abc'))
  t.equal(Buffer.concat(out.stdout).toString(), 'abc')
  t.equal(demuxer.partial, true, 'the frame is not complete')
})

t.test('a stream that is not Docker-framed is reported once and the rest ignored, never thrown', async (t) => {
  const { demuxer, text, errors } = collecting()
  demuxer.push(Buffer.concat([frame(1, 'ok'), Buffer.from('GARBAGE that is no header at all')]))
  demuxer.push(frame(1, 'more'))
  t.equal(text('stdout'), 'ok')
  t.equal(errors.length, 1)
  t.match(errors[0]?.message, /not multiplexed: stream type 71/)
})

t.test('a sink that throws is reported, not thrown into the stream’s event loop', async (t) => {
  const errors: Error[] = []
  const demuxer = new DockerStreamDemuxer({
    onOutput: () => {
      throw new Error('sink broke')
    },
    onError: (error) => errors.push(error),
  })
  t.doesNotThrow(() => demuxer.push(Buffer.concat([frame(1, 'a'), frame(1, 'b')])))
  t.equal(errors.length, 1)
  t.match(errors[0]?.message, 'sink broke')
})

t.test('demuxDockerStream follows a readable stream', async (t) => {
  const stream = new PassThrough()
  const got: string[] = []
  demuxDockerStream(stream, { onOutput: (name, bytes) => got.push(`${name}:${bytes}`) })
  stream.write(Buffer.concat([frame(1, 'a'), frame(2, 'b').subarray(0, 5)]))
  stream.end(frame(2, 'b').subarray(5))
  await new Promise((resolve) => stream.on('end', resolve).resume())
  t.strictSame(got, ['stdout:a', 'stderr:b'])
})
