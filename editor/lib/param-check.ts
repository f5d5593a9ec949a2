import { messages } from './messages'
import type { ParamSchema } from './flow-types'

const isType = (s: ParamSchema, t: string) => s.type === t || (Array.isArray(s.type) && s.type.includes(t))

/**
 * Why `value` does not fit a param's JSON Schema, as the inspector shows it; undefined when it
 * fits. Covers what param builders produce (numbers with bounds, enums, strings, booleans,
 * arrays of strings); anything richer is checked by the engine's validation.
 */
export function paramProblem(schema: ParamSchema, value: unknown): string | undefined {
  if (schema.enum) return schema.enum.includes(value) ? undefined : messages.paramChoice(schema.enum)
  if (isType(schema, 'number') || isType(schema, 'integer')) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return messages.paramNumber()
    if (isType(schema, 'integer') && !Number.isInteger(value)) return messages.paramWhole()
    if (schema.minimum !== undefined && value < schema.minimum) return messages.paramMin(schema.minimum)
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
      return messages.paramGt(schema.exclusiveMinimum)
    }
    if (schema.maximum !== undefined && value > schema.maximum) return messages.paramMax(schema.maximum)
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) {
      return messages.paramLt(schema.exclusiveMaximum)
    }
    return undefined
  }
  if (isType(schema, 'boolean')) return typeof value === 'boolean' ? undefined : messages.paramBool()
  if (isType(schema, 'string')) {
    if (typeof value !== 'string') return messages.paramText()
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return messages.paramLength(schema.maxLength)
    return undefined
  }
  if (isType(schema, 'array') && !Array.isArray(value)) return messages.paramList()
  return undefined
}

/** Parses what a user typed into a number field; NaN for anything that is not a number. */
export function parseNumber(text: string): number {
  return text.trim() === '' ? NaN : Number(text)
}
