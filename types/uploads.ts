export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024
