export { importBundle, runAfterImportHooks, validateBundle } from './import-bundle.ts';
export { ImportResultSchema, type CountsByKind, type ImportResult } from './import-result.ts';
