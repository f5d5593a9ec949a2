// The param builders live with the value types so that ml/ (model family configs) can use them
// without depending on the node API.
export { p, seedParam, withLazyProperty, type ParamsShape } from '../values/params'
