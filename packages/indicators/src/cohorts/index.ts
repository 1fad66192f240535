export * from './definitions';
export * from './sql';
