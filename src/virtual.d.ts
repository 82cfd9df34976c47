/** The shipped data, merged and validated at build time (build/shippedData.ts): a fresh copy each call. */
declare module 'virtual:shipped-dataset' {
  export function load(): Promise<import('./model/types').Dataset>;
}

/** Layouts of the shipped chain made at build time (build/shippedLayouts.ts). */
declare module 'virtual:shipped-layouts' {
  export function load(): Promise<import('./graph/shippedLayout').ShippedLayout[]>;
}
