import { z } from 'zod'
import { p } from '../../runtime/node-api/params'

/** One searched param, as saved in the document (see ml/select/space.ts for what each kind means). */
function dimension() {
  const id = z.string().min(1).max(200)
  const values = z.array(z.union([z.number(), z.string().max(200), z.boolean()])).min(1).max(1000)
  return z.discriminatedUnion('kind', [
    z.object({ node: id, param: id, kind: z.literal('list'), values }).strict(),
    z.object({ node: id, param: id, kind: z.literal('choice'), values }).strict(),
    z.object({ node: id, param: id, kind: z.literal('int'), min: z.number().int(), max: z.number().int(), step: z.number().int().min(1).optional() }).strict(),
    z.object({ node: id, param: id, kind: z.literal('float'), min: z.number(), max: z.number(), steps: z.number().int().min(1).max(100).optional() }).strict(),
    z.object({ node: id, param: id, kind: z.literal('log'), min: z.number().gt(0), max: z.number().gt(0), steps: z.number().int().min(1).max(100).optional() }).strict(),
  ])
}

/** The search space param: a list of dimensions over params of nodes upstream of the search. */
export const spaceParam = () =>
  p.custom(z.array(dimension()).max(32).default([]), 'search-space', {
    title: 'Search space',
    description:
      'A list of params to vary: {"node": "opt", "param": "learningRate", "kind": "log", "min": 0.0001, "max": 0.1}. Kinds: ' +
      '"list" / "choice" with "values"; "int" with min, max, step; "float" and "log" with min, max (grids take "steps" points). ' +
      'A field of a list param is a path: "layers.0.units".',
  })
