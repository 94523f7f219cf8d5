import t from 'tap'
import { BackgroundRemovals } from '../../src/sandbox/background-removals.ts'

t.test('drain waits for every removal; a failed one is forgotten, not an unhandled rejection', async (t) => {
  const removals = new BackgroundRemovals()
  let finished = 0
  const slow = new Promise<void>((resolve) => setTimeout(resolve, 50)).then(() => {
    finished++
  })
  removals.add(slow)
  removals.add(Promise.reject(new Error('engine gone')))
  t.equal(removals.size, 2)
  await removals.drain()
  t.equal(finished, 1, 'the slow one finished before drain returned')
  t.equal(removals.size, 0)
})
