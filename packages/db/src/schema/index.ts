export * from './reference';
export * from './indicators';
