import { useEditor, useGraph } from '../store'
import { leaveGroup } from '../engine/group-actions'
import { selectPath } from '../store/selectors'

/** Where the canvas is when a group is open: the top level, then each open group; a click goes back there. */
export function GroupBreadcrumb() {
  const ed = useEditor()
  const path = useGraph(selectPath)
  if (!path.length) return null
  const leave = (depth: number) => leaveGroup(ed, depth)
  return (
    <nav className="group-breadcrumb" aria-label="Group path">
      <button onClick={() => leave(0)}>Pipeline</button>
      {path.map((entry, i) => (
        <span key={entry.id}>
          <span aria-hidden> › </span>
          {i === path.length - 1 ? (
            <strong aria-current="page">{entry.title}</strong>
          ) : (
            <button onClick={() => leave(i + 1)}>{entry.title}</button>
          )}
        </span>
      ))}
    </nav>
  )
}
