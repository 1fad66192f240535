export { buildSchema, schema } from './schema';
export { createContext, type Context, type Viewer } from './context';
export { printedSchema, schemaFile } from './print';
