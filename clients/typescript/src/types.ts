// Names for the generated types (src/generated/api.ts): every shape here comes from the API's OpenAPI document.
import type { paths } from './generated/api.ts'

type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type Session = JsonOf<paths['/code-sessions/{session_id}']['get']['responses'][200]>
export type NewSession = JsonOf<paths['/code-sessions']['post']['requestBody']>
export type SessionChanges = JsonOf<paths['/code-sessions/{session_id}']['patch']['requestBody']>
export type RunOptions = JsonOf<NonNullable<paths['/code-sessions/{session_id}/run']['post']['requestBody']>>
export type RunAccepted = JsonOf<paths['/code-sessions/{session_id}/run']['post']['responses'][202]>
export type Execution = JsonOf<paths['/executions/{execution_id}']['get']['responses'][200]>
/** One case of a judged run, as `test_results` and `event: case` give it. */
export type TestResult = NonNullable<Execution['test_results']>[number]
export type ExecutionList = JsonOf<paths['/code-sessions/{session_id}/executions']['get']['responses'][200]>
export type Deliveries = JsonOf<paths['/executions/{execution_id}/deliveries']['get']['responses'][200]>
export type InputBody = JsonOf<paths['/executions/{execution_id}/input']['post']['requestBody']>
export type InputAccepted = JsonOf<paths['/executions/{execution_id}/input']['post']['responses'][202]>
export type Language = JsonOf<paths['/languages']['get']['responses'][200]>[number]
export type LanguageId = Session['language']
export type ExecutionStatus = Execution['status']
export type ErrorBody = JsonOf<paths['/code-sessions']['post']['responses'][400]>
/** Every error code the API answers with (`{"error": {"code", "message"}}`). */
export type ErrorCode = ErrorBody['error']['code']
