import type { PersistentStore } from '../cache/types'
import type { Recipe } from '../keys/cache-keys'
import { isRecipeKey, type NodeJobData } from '../queue/node-job'

/** A job request the bridge refuses: `status` and a message naming what is wrong. */
export class JobRequestError extends Error {
  constructor(
    readonly status: 400 | 409,
    message: string,
  ) {
    super(message)
  }
}

const TYPE_RE = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/i
const INPUT_RE = /^[0-9a-f]{32}#.+$/

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The recipe in a request body, checked field by field. */
function checkRecipe(recipe: unknown): Recipe {
  if (!isObject(recipe)) throw new JobRequestError(400, 'recipe: expected an object.')
  const { type, version, params, inputs, files } = recipe
  if (typeof type !== 'string' || type.length > 100 || !TYPE_RE.test(type)) throw new JobRequestError(400, 'recipe.type: expected a node type such as "train.fit".')
  if (!Number.isSafeInteger(version) || (version as number) < 1) throw new JobRequestError(400, 'recipe.version: expected a whole number of at least 1.')
  if (!isObject(params)) throw new JobRequestError(400, 'recipe.params: expected an object.')
  if (!isObject(inputs)) throw new JobRequestError(400, 'recipe.inputs: expected an object.')
  for (const [port, ref] of Object.entries(inputs)) {
    if (typeof ref !== 'string' || !INPUT_RE.test(ref)) throw new JobRequestError(400, `recipe.inputs.${port}: expected "<upstream key>#<port>".`)
  }
  if (!isObject(files) || Object.keys(files).length) throw new JobRequestError(400, 'recipe.files: a node that reads files runs where its files are, not on the queue.')
  return recipe as unknown as Recipe
}

/**
 * The node job a `POST /jobs/:key` body asks for, as the CLI's QueueRunner would queue it: the
 * recipe must hash to the key, and every input must already be in the shared cache (uploaded
 * with `PUT /entries/:key`), else no worker could run it.
 */
export async function jobFromRequest(key: string, body: unknown, store: PersistentStore): Promise<NodeJobData> {
  if (!isObject(body)) throw new JobRequestError(400, 'Expected a JSON object { recipe, nodeId }.')
  const recipe = checkRecipe(body.recipe)
  const nodeId = body.nodeId
  if (typeof nodeId !== 'string' || !nodeId || nodeId.length > 200) throw new JobRequestError(400, 'nodeId: expected the node id (1 to 200 characters).')
  if (!isRecipeKey({ key, recipe })) throw new JobRequestError(400, `The recipe does not hash to ${key}: the key and the recipe must come from the same node.`)
  for (const [port, ref] of Object.entries(recipe.inputs)) {
    const upstream = ref.slice(0, ref.lastIndexOf('#'))
    if (!(await store.info(upstream).catch(() => undefined))) {
      throw new JobRequestError(409, `Input "${port}" (${upstream}) is not in the shared cache: upload it with PUT /entries/${upstream} first.`)
    }
  }
  return { key, recipe, nodeId }
}
