import { useCallback, useEffect, useState } from 'react'
import { engine } from '../engine/engine'
import { uploadFile } from '../engine/files'

export interface StoredFile {
  name: string
  bytes: number
  hash: string
}

/** Files uploaded to the engine's file store, with a refresh after each upload. */
export function useFiles(): { files: StoredFile[]; upload(file: File, as?: string): Promise<void> } {
  const [files, setFiles] = useState<StoredFile[]>([])
  const refresh = useCallback(() => {
    engine().listFiles().then(setFiles).catch(() => setFiles([]))
  }, [])
  useEffect(refresh, [refresh])
  const upload = useCallback(
    async (file: File, as?: string) => {
      await uploadFile(file, as)
      refresh()
    },
    [refresh],
  )
  return { files, upload }
}
