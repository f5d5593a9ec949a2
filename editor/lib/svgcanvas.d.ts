/** svgcanvas ships no types: a Canvas 2D context that records drawing as SVG. */
declare module 'svgcanvas' {
  export class Context {
    constructor(width: number, height: number)
    getSerializedSvg(fixNamedEntities?: boolean): string
  }
}
