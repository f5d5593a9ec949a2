/** Every graph in examples/, bundled at build time, by file name. */
const files = import.meta.glob('/examples/*.json', { eager: true, import: 'default' }) as Record<string, unknown>

/** The data files examples read (examples/data/*, named as the graphs name them: "data/x.csv"), bundled as text. */
const dataFiles = import.meta.glob('/examples/data/*', { eager: true, query: '?raw', import: 'default' }) as Record<string, string>
export const exampleData: { name: string; text: string }[] = Object.entries(dataFiles).map(([path, text]) => ({
  name: path.replace(/^\/examples\//, ''),
  text,
}))

export interface Example {
  file: string
  title: string
  description: string
  doc: unknown
}

const meta = (doc: unknown) => ((doc as { meta?: { title?: unknown; description?: unknown } })?.meta ?? {})

export const examples: Example[] = Object.entries(files)
  .map(([path, doc]) => {
    const file = path.split('/').pop()!
    const m = meta(doc)
    return {
      file,
      title: typeof m.title === 'string' ? m.title : file.replace(/\.json$/, ''),
      description: typeof m.description === 'string' ? m.description : '',
      doc,
    }
  })
  .sort((a, b) => a.title.localeCompare(b.title))

/** The example a first visit opens. */
export const defaultExample: Example | undefined =
  examples.find((e) => e.file === 'iris-logistic-regression.json') ?? examples[0]
