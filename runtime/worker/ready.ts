/** Posted by the worker once it listens for calls (see createEngine). */
export const READY_MESSAGE = 'mlcanvas-engine-ready'
