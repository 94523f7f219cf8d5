// test/sandbox/judged-run.test.ts again, every sandbox under gVisor (runsc); skipped out loud where the engine has no runsc.
import { againUnderGvisor } from '../helpers/runtime.ts'

await againUnderGvisor(() => import('../sandbox/judged-run.test.ts'))
