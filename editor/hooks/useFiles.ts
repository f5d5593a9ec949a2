import { useCallback, useEffect, useState } from 'react'
import { uploadFile } from '../engine/files'
import { useEditor } from '../store'

export interface StoredFile {
  name: string
  bytes: number
  hash: string
}

/** Files uploaded to the engine's file store, with a refresh after each upload. */
export function useFiles(): { files: StoredFile[]; upload(file: File, as?: string): Promise<void> } {
  const ed = useEditor()
  const [files, setFiles] = useState<StoredFile[]>([])
  const refresh = useCallback(() => {
    ed.engine().listFiles().then(setFiles).catch(() => setFiles([]))
  }, [ed])
  useEffect(refresh, [refresh])
  const upload = useCallback(
    async (file: File, as?: string) => {
      await uploadFile(ed, file, as)
      refresh()
    },
    [refresh, ed],
  )
  return { files, upload }
}
