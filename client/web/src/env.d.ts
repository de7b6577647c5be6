/** BLAKE2b-256 of the runtime metadata (V15) the portal was typed from, hex: set by vite.config.ts. */
declare const __MEDLEDGER_METADATA_HASH__: string

/** A module bundled as a Web Worker by Vite (`import W from "…?worker"`). */
declare module "*?worker" {
  const WorkerConstructor: new () => Worker
  export default WorkerConstructor
}
