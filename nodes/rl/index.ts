import { dqnNode, qLearningNode } from './agents'
import { cartPoleNode, frozenLakeNode, gridWorldNode, mountainCarNode } from './environments'
import { evaluateAgentNode } from './evaluate'
import { episodeReplayNode, policyMapNode, rewardCurveNode } from './figures'

/** Reinforcement learning: environments, agents that learn in them, their evaluation and figures. */
export const rlNodes = [
  gridWorldNode,
  frozenLakeNode,
  cartPoleNode,
  mountainCarNode,
  qLearningNode,
  dqnNode,
  evaluateAgentNode,
  rewardCurveNode,
  policyMapNode,
  episodeReplayNode,
]
