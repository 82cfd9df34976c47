/** Layouts of the shipped chain made at build time (build/shippedLayouts.ts). */
declare module 'virtual:shipped-layouts' {
  const layouts: readonly import('./graph/shippedLayout').ShippedLayout[];
  export default layouts;
}
