// test/languages/every-language.test.ts again, every sandbox under gVisor (runsc); skipped out loud where the engine has no runsc.
import { againUnderGvisor } from '../helpers/runtime.ts'

await againUnderGvisor(() => import('../languages/every-language.test.ts'))
