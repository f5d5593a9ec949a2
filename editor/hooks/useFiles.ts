import { useCallback, useEffect, useState } from 'react'
import { engine } from '../engine/engine'

export interface StoredFile {
  name: string
  bytes: number
  hash: string
}

/** Files uploaded to the engine's file store, with a refresh after each upload. */
export function useFiles(): { files: StoredFile[]; upload(file: File): Promise<void> } {
  const [files, setFiles] = useState<StoredFile[]>([])
  const refresh = useCallback(() => {
    engine().listFiles().then(setFiles).catch(() => setFiles([]))
  }, [])
  useEffect(refresh, [refresh])
  const upload = useCallback(
    async (file: File) => {
      await engine().putFile(file.name, await file.arrayBuffer())
      refresh()
    },
    [refresh],
  )
  return { files, upload }
}
