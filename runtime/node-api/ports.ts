/** The kinds of value that travel on a wire. Keep this list short (DESIGN.md). */
export const PORT_TYPES = [
  'dataset',
  'splits',
  'model-spec',
  'loss',
  'optimizer',
  'model',
  'predictions',
  'metrics',
  'figure',
  'bundle',
  // Reinforcement learning: an environment to act in, and a trained agent.
  'environment',
  'agent',
] as const

export type PortType = (typeof PORT_TYPES)[number]

export interface PortDef {
  /** Types this port accepts (input) or may produce (output). */
  types: PortType[]
  /** Inputs only: may be left unconnected. */
  optional?: boolean
  /** Outputs only: produces the same type as the value on this input port. */
  sameAs?: string
  label?: string
  description?: string
}

function make(types: PortType[], extra: Partial<PortDef> = {}): PortDef {
  return { types, ...extra }
}

/** Port helpers used in node definitions: `inputs: { data: port.dataset() }`. */
export const port = {
  dataset: (extra?: Partial<PortDef>) => make(['dataset'], extra),
  splits: (extra?: Partial<PortDef>) => make(['splits'], extra),
  datasetOrSplits: (extra?: Partial<PortDef>) => make(['dataset', 'splits'], extra),
  modelSpec: (extra?: Partial<PortDef>) => make(['model-spec'], extra),
  loss: (extra?: Partial<PortDef>) => make(['loss'], extra),
  optimizer: (extra?: Partial<PortDef>) => make(['optimizer'], extra),
  model: (extra?: Partial<PortDef>) => make(['model'], extra),
  predictions: (extra?: Partial<PortDef>) => make(['predictions'], extra),
  metrics: (extra?: Partial<PortDef>) => make(['metrics'], extra),
  figure: (extra?: Partial<PortDef>) => make(['figure'], extra),
  /** A model bundle (files) ready to leave the canvas. */
  bundle: (extra?: Partial<PortDef>) => make(['bundle'], extra),
  environment: (extra?: Partial<PortDef>) => make(['environment'], extra),
  agent: (extra?: Partial<PortDef>) => make(['agent'], extra),
  /** An output whose type follows the value connected to input `input`. */
  sameAs: (input: string, types: PortType[] = ['dataset', 'splits']) => make(types, { sameAs: input }),
}

/** True when a value of one of `produced` types can flow into a port accepting `accepted`. */
export function portsCompatible(produced: readonly PortType[], accepted: readonly PortType[]): boolean {
  // Loops, not some(includes): validating a 10 000-node graph calls this per edge, and the callback is an allocation each time.
  for (let i = 0; i < produced.length; i++) for (let j = 0; j < accepted.length; j++) if (produced[i] === accepted[j]) return true
  return false
}
