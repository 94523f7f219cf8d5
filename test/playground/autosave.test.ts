import t from 'tap'
import { Autosaver, type SaveState } from '../../src/playground/web/autosave.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Fields {
  source_code: string
  stdin: string
}

function recorder(fail: () => boolean = () => false) {
  const saves: Partial<Fields>[] = []
  const states: SaveState[] = []
  const saver = new Autosaver<Fields>(
    async (changes) => {
      await sleep(5)
      if (fail()) throw new Error('503')
      saves.push(changes)
    },
    40,
    (state) => states.push(state),
  )
  return { saver, saves, states }
}

t.test('edits in a burst go out as one save after the pause, the newest value of each field', async (t) => {
  const { saver, saves, states } = recorder()
  saver.change({ source_code: 'a' })
  saver.change({ source_code: 'ab' })
  saver.change({ stdin: 'x' })
  saver.change({ source_code: 'abc' })
  t.same(saves, [], 'nothing saved while typing')
  t.equal(saver.state, 'pending')
  await sleep(150)
  t.same(saves, [{ source_code: 'abc', stdin: 'x' }])
  t.same(states.at(-1), 'saved')
  t.same([...new Set(states)], ['pending', 'saving', 'saved'])
})

t.test('flush saves at once (before a run) and says whether all is saved', async (t) => {
  const { saver, saves } = recorder()
  saver.change({ source_code: 'print(1)' })
  t.equal(await saver.flush(), true)
  t.same(saves, [{ source_code: 'print(1)' }])
  t.equal(await saver.flush(), true, 'nothing pending: saved')
  t.equal(saves.length, 1, 'and no empty save')
})

t.test('a failed save keeps its changes, under newer edits, for the next try', async (t) => {
  let failing = true
  const { saver, saves, states } = recorder(() => failing)
  saver.change({ source_code: 'old', stdin: 'in' })
  t.equal(await saver.flush(), false)
  t.equal(states.at(-1), 'failed')
  saver.change({ source_code: 'new' })
  failing = false
  t.equal(await saver.flush(), true)
  t.same(saves, [{ source_code: 'new', stdin: 'in' }])
})

t.test('an edit during a save goes out in the next one', async (t) => {
  const { saver, saves } = recorder()
  saver.change({ source_code: 'one' })
  const first = saver.flush()
  saver.change({ source_code: 'two' })
  await first
  t.equal(saver.state, 'pending')
  t.equal(await saver.flush(), true)
  t.same(saves, [{ source_code: 'one' }, { source_code: 'two' }])
})
