/** Checks of JSON answers, shared by the HTTP adapters. Not public. */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
export const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
