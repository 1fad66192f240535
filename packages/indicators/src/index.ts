export * from './catalogue';
export { syncCatalogue } from './sync';
