import type { DescriptorMap } from './flow-types'

/** What a node is called wherever the editor names it: its label, else its type's title, else its type id (a type this editor lacks). */
export function nodeTitle(label: string | undefined, type: string, descriptors: DescriptorMap): string {
  return label ?? descriptors.get(type)?.title ?? type
}
