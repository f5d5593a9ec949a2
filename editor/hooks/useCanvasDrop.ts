import { useCallback, type DragEvent } from 'react'
import { useReactFlow } from '@xyflow/react'
import { addFileNode, addNode, openFile } from '../engine/commands'
import { NODE_DRAG_TYPE } from '../components/Palette'
import { useEditor } from '../store'

/** A drop on the canvas: a palette node where it lands, a graph `.json` opened, any other file as a data node. */
export function useCanvasDrop() {
  const ed = useEditor()
  const flow = useReactFlow()
  return useCallback(
    (e: DragEvent) => {
      e.preventDefault()
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })
      const type = e.dataTransfer.getData(NODE_DRAG_TYPE)
      if (type) {
        addNode(ed, type, { x: at.x - 100, y: at.y - 30 })
        return
      }
      const file = e.dataTransfer.files[0]
      if (!file) return
      if (/\.json$/i.test(file.name)) void openFile(ed, file)
      else void addFileNode(ed, file, at)
    },
    [flow, ed],
  )
}
