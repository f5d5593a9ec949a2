/** Ready-made maps: the example maze and Gymnasium's FrozenLake maps. */

export const MAZE = [
  '###########',
  '#S..#.....#',
  '##.##.###.#',
  '#..#..#...#',
  '#.##.##.###',
  '#....T...G#',
  '###########',
].join('\n')

export const FROZEN_LAKE_4X4 = ['SFFF', 'FHFH', 'FFFH', 'HFFG'].join('\n')

export const FROZEN_LAKE_8X8 = ['SFFFFFFF', 'FFFFFFFF', 'FFFHFFFF', 'FFFFFHFF', 'FFFHFFFF', 'FHHFFFHF', 'FHFFHFHF', 'FFFHFFFG'].join('\n')
