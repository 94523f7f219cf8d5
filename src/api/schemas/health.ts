import { Type } from 'typebox'

export const HealthSchema = Type.Object({ status: Type.Literal('ok') })

export const ReadySchema = Type.Object({
  status: Type.Literal('ready'),
  checks: Type.Object({ postgres: Type.Literal('ok'), redis: Type.Literal('ok') }),
})
