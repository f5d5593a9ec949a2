import { z } from 'zod'

// zod probes for eval with `new Function` on its first parse; under the app's Content-Security-Policy
// that probe is a reported violation. Imported first by the browser entries, before any schema runs.
z.config({ jitless: true })
