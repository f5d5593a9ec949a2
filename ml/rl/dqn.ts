import * as tf from '@tensorflow/tfjs-core'
import { FitCancelled } from '../cancel'
import { forward, initWeights, type NetDef } from '../nn/net'
import { makeOptimizer } from '../nn/optimizer'
import { restoreOptimizer, saveOptimizer } from '../nn/optimizer-state'
import { argmax, continuedTraining, playEpisode, type Agent, type AgentAlgorithm, type TrainStart } from './agent'
import { denseForward, type DenseActivation, type DenseNet } from './dense'
import { readDqnResume, type DqnResume, type KeptNet } from './dqn-resume'
import type { Env, EnvSpec, Space } from './env'
import { makeEnv } from './environments'
import { runEpisodes, type EpisodeHooks, type Learner, type Transition } from './episodes'
import { fork, randomInt, seeded, type SeededRandom, type Uniform } from './random'
import { ReplayBuffer } from './replay-buffer'
import { epsilonAt } from './schedule'

export interface DqnConfig {
  episodes: number
  /** Hidden layers; an output layer with one linear unit per action follows. */
  layers: { units: number; activation: DenseActivation }[]
  learningRate: number
  gamma: number
  batchSize: number
  bufferSize: number
  /** Environment steps of random play before the first gradient step. */
  learningStarts: number
  /** Environment steps between training phases, and gradient steps in each. */
  trainEvery: number
  gradientSteps: number
  /** Environment steps between copies of the online network into the target network. */
  targetUpdate: number
  /** ε falls linearly from `epsilonStart` to `epsilonEnd` over the first `explorationSteps` environment steps. */
  epsilonStart: number
  epsilonEnd: number
  explorationSteps: number
  /**
   * Every `evalEvery` episodes, play `evalEpisodes` greedy episodes and keep the network with the
   * best mean return (DQN's greedy policy can get worse as training goes on); 0 = keep the last one.
   */
  evalEvery: number
  evalEpisodes: number
}

/** The DQN agent's state: the online network as plain arrays, and how observations are encoded. */
export interface DqnState {
  net: DenseNet
  /** 'one-hot' for a discrete state index over `states` states, 'raw' for box observations. */
  encoding: 'one-hot' | 'raw'
  states: number
}

function encoder(space: Space): { width: number; encode(o: Float64Array): Float32Array; encoding: DqnState['encoding'] } {
  if (space.kind === 'box') return { width: space.low.length, encode: (o) => Float32Array.from(o), encoding: 'raw' }
  const n = space.n
  return {
    width: n,
    encoding: 'one-hot',
    encode: (o) => {
      const v = new Float32Array(n)
      v[o[0]] = 1
      return v
    },
  }
}

function readState(state: Record<string, unknown>): DqnState {
  const s = state as unknown as DqnState
  if (!s.net || !Array.isArray(s.net.weights) || !s.net.weights.every((w) => w instanceof Float32Array)) throw new Error('The agent has no network weights.')
  return s
}

/** The network DQN trains for an environment: the configured hidden layers, then one linear unit per action. */
function networkFor(env: Env, config: DqnConfig) {
  const code = encoder(env.observationSpace)
  const layers = [...config.layers, { units: env.actionSpace.n, activation: 'linear' as const }]
  const net: NetDef = { inputDim: code.width, layers: layers.map((l) => ({ kind: 'dense' as const, ...l })) }
  // Shapes only: the weights are drawn from the learner's stream when it starts from scratch.
  const shapes = initWeights(net, () => 0).shapes
  return { code, layers, net, shapes }
}

/** Online network in tfjs variables, a frozen target copy, the replay buffer and ε-greedy acting. */
class DqnLearner implements Learner {
  private readonly net: NetDef
  private readonly vars: tf.Variable[]
  private target: tf.Tensor[]
  private readonly optimizer: tf.Optimizer
  private buffer: ReplayBuffer
  private readonly code
  readonly acting: DenseNet
  steps = 0

  /** `start`: the weights to begin with (a trained agent's, or a resumed run's online and target networks). */
  constructor(
    env: Env,
    private readonly config: DqnConfig,
    private readonly random: Uniform,
    private readonly signal: AbortSignal,
    start?: { weights: Float32Array[]; target?: Float32Array[]; inputDim: number },
  ) {
    const { code, layers, net, shapes } = networkFor(env, config)
    this.code = code
    this.net = net
    const values = start?.weights ?? initWeights(net, random).values
    if (values.length !== shapes.length || values.some((v, i) => v.length !== size(shapes[i])) || (start && start.inputDim !== code.width)) {
      throw new Error('The agent to continue from has a different network or environment; train a new one.')
    }
    this.vars = values.map((v, i) => tf.tidy(() => tf.variable(tf.tensor(v, shapes[i]), true)))
    this.target = start?.target ? start.target.map((v, i) => tf.tensor(v, shapes[i])) : this.vars.map((v) => tf.clone(v))
    this.optimizer = makeOptimizer({ kind: 'optimizer', name: 'adam', config: { learningRate: config.learningRate } })
    this.buffer = new ReplayBuffer(config.bufferSize, this.code.width)
    this.acting = { inputDim: this.code.width, layers, weights: values.map((v) => v.slice()) }
  }

  /** Takes over a resumed run's optimizer state, replay buffer and step count. */
  async resume(r: DqnResume): Promise<void> {
    await restoreOptimizer(this.optimizer, r.optimizer)
    this.buffer = ReplayBuffer.restore(r.buffer)
    this.steps = r.steps
  }

  /** Everything but the random streams and episode count that a resumed run needs. */
  async save(): Promise<Pick<DqnResume, 'steps' | 'online' | 'target' | 'optimizer' | 'buffer'>> {
    const read = (ts: tf.Tensor[]) => ts.map((t) => Float32Array.from(t.dataSync() as Float32Array))
    return { steps: this.steps, online: read(this.vars), target: read(this.target), optimizer: await saveOptimizer(this.optimizer), buffer: this.buffer.save() }
  }

  get encoding() {
    return this.code.encoding
  }

  act(observation: Float64Array): number {
    const eps = epsilonAt({ start: this.config.epsilonStart, end: this.config.epsilonEnd, fraction: 1 }, this.steps / Math.max(1, this.config.explorationSteps))
    if (this.random() < eps) return randomInt(this.random, this.acting.layers[this.acting.layers.length - 1].units)
    return argmax(denseForward(this.acting, this.code.encode(observation)))
  }

  learn(t: Transition): void {
    if (this.signal.aborted) throw new FitCancelled()
    const c = this.config
    this.buffer.add(this.code.encode(t.observation), t.action, t.reward, this.code.encode(t.next), t.terminated)
    this.steps++
    if (this.steps >= c.learningStarts && this.buffer.size >= c.batchSize && this.steps % c.trainEvery === 0) {
      for (let g = 0; g < c.gradientSteps; g++) this.gradientStep()
      this.acting.weights = this.vars.map((v) => Float32Array.from(v.dataSync() as Float32Array))
    }
    if (this.steps % c.targetUpdate === 0) {
      tf.dispose(this.target)
      this.target = this.vars.map((v) => tf.clone(v))
    }
  }

  /** One Adam step on the Huber loss between Q(s, a) and r + γ · max Q_target(s′) (0 after a real end). */
  private gradientStep(): void {
    const { batchSize: n, gamma } = this.config
    const b = this.buffer.sample(n, this.random)
    const w = this.code.width
    const actions = this.acting.layers[this.acting.layers.length - 1].units
    tf.tidy(() => {
      const best = tf.max(forward(this.net, this.target, tf.tensor2d(b.next, [n, w])), 1)
      const y = tf.add(tf.tensor1d(b.rewards), tf.mul(tf.mul(tf.sub(1, tf.tensor1d(b.done)), gamma), best))
      const mask = tf.oneHot(tf.tensor1d(b.actions, 'int32'), actions)
      const x = tf.tensor2d(b.observations, [n, w])
      this.optimizer.minimize(() => tf.losses.huberLoss(y, tf.sum(tf.mul(forward(this.net, this.vars, x), mask), 1)) as tf.Scalar, false, this.vars)
    })
  }

  dispose(): void {
    tf.dispose([...this.vars, ...this.target])
    this.optimizer.dispose()
  }
}

/**
 * Deep Q-learning (Mnih et al. 2015): an MLP maps an observation to one value per action,
 * trained with Adam on the Huber loss against a periodically copied target network, from
 * transitions sampled uniformly out of a replay buffer, acting ε-greedily. `start.from` trains a
 * given agent's network further; `start.previous` continues a shorter run of this same training
 * (networks, Adam state, buffer, ε position, random streams), as if it had never stopped.
 */
export async function trainDqn(env: EnvSpec, config: DqnConfig, random: Uniform, hooks: EpisodeHooks, start: TrainStart = {}): Promise<Agent> {
  const r = resumable(env, config, start.previous)
  const envRandom = r ? seeded(r.envRandom) : fork(random)
  const live = makeEnv(env, envRandom)
  const keeper = bestKeeper(env, config, r ? seeded(r.keeperRandom) : fork(random), r?.best)
  const learnerRandom = r ? seeded(r.learnerRandom) : fork(random)
  const from = start.from && readState(start.from.state).net
  const weights = r ? { weights: r.online, target: r.target, inputDim: r.buffer.width } : from && { weights: from.weights, inputDim: from.inputDim }
  const learner = new DqnLearner(live, config, learnerRandom, hooks.signal, weights)
  try {
    if (r) {
      await learner.resume(r)
      hooks.onResume?.(r.episodes)
    }
    const { returns, lengths } = await runEpisodes(
      live,
      learner,
      config.episodes,
      {
        signal: hooks.signal,
        onEpisode(episode, total, steps) {
          if (config.evalEvery > 0 && episode % config.evalEvery === 0) keeper.consider(learner.acting, episode)
          hooks.onEpisode?.(episode, total, steps)
        },
      },
      r?.episodes,
    )
    // Saved before the last, off-period check: a longer run does not make that check.
    const resume: DqnResume = { episodes: config.episodes, ...(await learner.save()), envRandom: envRandom.state(), learnerRandom: learnerRandom.state(), ...keeper.save() }
    if (config.evalEvery > 0 && config.episodes % config.evalEvery !== 0) keeper.consider(learner.acting, config.episodes)
    const net = keeper.best?.net ?? learner.acting
    const state: DqnState = { net, encoding: learner.encoding, states: live.observationSpace.kind === 'discrete' ? live.observationSpace.n : 0 }
    const training = continuedTraining((r ? start.previous : start.from)?.training, returns, lengths)
    return {
      kind: 'agent',
      algorithm: dqn.id,
      env,
      state: state as unknown as Record<string, unknown>,
      training,
      summary: {
        algorithm: dqn.id,
        episodes: training.returns.length,
        steps: learner.steps,
        hidden: config.layers.map((l) => l.units).join('-') || 'none',
        ...(keeper.best ? { keptEpisode: keeper.best.episode, keptEvalReturn: keeper.best.mean } : {}),
      },
      resume: resume as unknown as Record<string, unknown>,
    }
  } finally {
    learner.dispose()
  }
}

/** A shorter run of this training to go on from, checked against this environment's network. */
function resumable(env: EnvSpec, config: DqnConfig, previous: Agent | undefined): DqnResume | undefined {
  if (!previous || previous.algorithm !== dqn.id) return undefined
  const { code, shapes } = networkFor(makeEnv(env, () => 0), config)
  return readDqnResume(previous.resume, { episodes: config.episodes, sizes: shapes.map(size), bufferSize: config.bufferSize, width: code.width })
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1)

/** Greedy checkpoints: the network whose greedy episodes scored best so far (later wins ties). */
function bestKeeper(env: EnvSpec, config: DqnConfig, random: SeededRandom, kept?: KeptNet) {
  const live = makeEnv(env, random)
  let best = kept
  return {
    get best() {
      return best
    },
    save: () => ({ keeperRandom: random.state(), ...(best ? { best } : {}) }),
    consider(net: DenseNet, episode: number) {
      const snapshot = { ...net, weights: net.weights.map((w) => w.slice()) }
      const state = { net: snapshot, encoding: 'raw', states: 0 }
      const code = live.observationSpace.kind === 'discrete' ? live.observationSpace.n : 0
      const policy = (obs: Float64Array) => argmax(dqn.actionValues({ ...state, encoding: code ? 'one-hot' : 'raw', states: code }, obs))
      let sum = 0
      for (let i = 0; i < config.evalEpisodes; i++) sum += playEpisode(live, policy).total
      const mean = sum / config.evalEpisodes
      if (!best || mean >= best.mean) best = { net: snapshot, episode, mean }
    },
  }
}

export const dqn: AgentAlgorithm = {
  id: 'dqn',
  title: 'DQN',
  actionValues(state, observation) {
    const s = readState(state)
    if (s.encoding === 'raw') return denseForward(s.net, observation)
    const v = new Float32Array(s.states)
    v[observation[0]] = 1
    return denseForward(s.net, v)
  },
}
