/** Every sentence the editor shows about a refused action, in one place (as React Flow does). */
export const messages = {
  paramChoice: (options: readonly unknown[]) => `Choose one of: ${options.join(', ')}.`,
  paramNumber: () => 'Enter a number.',
  paramWhole: () => 'Enter a whole number.',
  paramMin: (min: number) => `Must be at least ${min}.`,
  paramGt: (min: number) => `Must be greater than ${min}.`,
  paramMax: (max: number) => `Must be at most ${max}.`,
  paramLt: (max: number) => `Must be less than ${max}.`,
  paramBool: () => 'Must be on or off.',
  paramText: () => 'Enter text.',
  paramLength: (max: number) => `At most ${max} characters.`,
  paramList: () => 'Must be a list.',
} as const
