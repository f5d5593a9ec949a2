/** 32-bit FNV-1a over a string's UTF-16 code units, unsigned (runtime/keys/fnv1a.mjs). */
export function fnv1a(text: string): number
