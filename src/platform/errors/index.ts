export { AppError, defineErrors, errorSpec, allErrorCodes, isAppError, type ErrorSpec } from './registry.js';
export { PlatformErrors } from './platform-errors.js';
