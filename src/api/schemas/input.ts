import { Type } from 'typebox'
import { UuidSchema } from './common.ts'

export const InputBodySchema = Type.Object(
  {
    data: Type.String({ description: "appended to the program's stdin as it is (UTF-8)" }),
    eof: Type.Optional(
      Type.Boolean({ description: 'true: close the stdin after `data` (the program reads end of file)' }),
    ),
  },
  { additionalProperties: false },
)

export const InputAcceptedSchema = Type.Object({
  execution_id: UuidSchema,
  input_bytes: Type.Integer({ minimum: 0, description: 'bytes of input this run has been sent, in total' }),
  eof: Type.Boolean({ description: 'the input is closed' }),
})
