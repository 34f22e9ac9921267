/** Display brand of the partner merchant. */
export const BRAND = {
  name: 'StreamPlus',
  mark: 'S+',
  merchant: 'StreamPlus Media',
} as const;
