import { useEffect, useRef, useState } from 'react'
import type { EpisodeReplay, Figure } from '../../runtime/values/figure'
import { useCanvasWidth } from '../hooks/useCanvasWidth'
import { formatNumber } from '../lib/format'
import { prepareCanvas } from '../lib/canvas-2d'
import { drawCartPole, drawGrid, drawMountainCar } from './rl-drawing'

/** Milliseconds per step: grid moves are slow enough to follow; CartPole plays at its own 50 Hz. */
const FRAME_MS: Record<string, number> = { grid: 300, cartpole: 20, 'mountain-car': 30 }

function drawFrame(ctx: CanvasRenderingContext2D, r: EpisodeReplay, step: number, w: number, h: number) {
  const obs = r.observations.slice(step * r.size, (step + 1) * r.size)
  if (r.env === 'grid' && r.grid) drawGrid(ctx, r.grid, w, h, obs[0])
  else if (r.env === 'cartpole') drawCartPole(ctx, obs, w, h)
  else if (r.env === 'mountain-car') drawMountainCar(ctx, obs, w, h)
}

/** One recorded episode played back on a canvas, with play/pause and a step slider. */
export function EpisodeReplayFigure({ figure, height = 240 }: { figure: Figure; height?: number }) {
  const replay = figure.replay!
  const steps = replay.actions.length
  const canvas = useRef<HTMLCanvasElement>(null)
  const { box, width } = useCanvasWidth()
  const [step, setStep] = useState(0)
  const [playing, setPlaying] = useState(false)

  useEffect(() => {
    if (!playing) return
    const id = setInterval(() => setStep((s) => (s >= steps ? s : s + 1)), FRAME_MS[replay.env] ?? 50)
    return () => clearInterval(id)
  }, [playing, steps, replay.env])
  useEffect(() => {
    if (step >= steps) setPlaying(false)
  }, [step, steps])
  useEffect(() => {
    const ctx = prepareCanvas(canvas.current, width, height)
    if (ctx) drawFrame(ctx, replay, step, width, height)
  }, [replay, step, width, height])

  const total = replay.rewards.slice(0, step).reduce((a, b) => a + b, 0)
  const action = step > 0 ? replay.actionNames[replay.actions[step - 1]] : undefined
  return (
    <figure className="figure" aria-label={figure.title}>
      <figcaption>{figure.title}</figcaption>
      <div ref={box} className="figure-box">
        <canvas ref={canvas} style={{ width, height }} role="img" aria-label={`${figure.title}, step ${step} of ${steps}`} />
      </div>
      <div className="replay-controls">
        <button
          onClick={() => {
            if (step >= steps) setStep(0)
            setPlaying(!playing)
          }}
        >
          {playing ? 'Pause' : step >= steps ? 'Replay' : 'Play'}
        </button>
        <input
          type="range"
          aria-label="Step"
          min={0}
          max={steps}
          value={step}
          onChange={(e) => {
            setPlaying(false)
            setStep(Number(e.target.value))
          }}
        />
        <span className="muted">
          step {step} / {steps} · return {formatNumber(total)}
          {action ? ` · ${action}` : ''}
        </span>
      </div>
    </figure>
  )
}
