/** The largest file the API accepts as an upload (a project attachment, a scanned support list): 10 MiB. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
