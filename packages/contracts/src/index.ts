export * from './common.ts';
export * from './staff.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './patients.ts';
