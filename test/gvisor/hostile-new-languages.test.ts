// test/hostile/new-languages.test.ts again, every sandbox under gVisor (runsc); skipped out loud where the engine has no runsc.
import { againUnderGvisor } from '../helpers/runtime.ts'

await againUnderGvisor(() => import('../hostile/new-languages.test.ts'))
