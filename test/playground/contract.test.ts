// The page's view of the contract (src/playground/web/contract.ts) must accept what the API answers: the
// assignments below fail the type check (tsc --noEmit) when a field the page reads is renamed or removed.
import t from 'tap'
import type { ExecutionList, ExecutionResponse } from '../../src/api/schemas/executions.ts'
import type { LanguageList } from '../../src/api/schemas/languages.ts'
import type { Session } from '../../src/api/schemas/sessions.ts'
import type * as Page from '../../src/playground/web/contract.ts'

export const execution = (value: ExecutionResponse): Page.Execution => value
export const list = (value: ExecutionList): Page.ExecutionList => value
export const session = (value: Session): Page.Session => value
export const languages = (value: LanguageList): Page.Language[] => value

t.pass('checked by the type checker')
