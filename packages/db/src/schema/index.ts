export * from './reference';
export * from './indicators';
export * from './returns';
export * from './access';
export * from './payments';
export * from './continuity';
