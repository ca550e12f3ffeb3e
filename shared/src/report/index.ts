export * from './procedures';
export * from './figures';
