/**
 * Says in words what a file-system error means for the user, from its errno code. A full disk, a read-only
 * mount and a missing permission all surface as a failed write; the fix differs, so the message must too.
 * Worker threads pass only an error's message, so the code is also read from its usual "ENOSPC: …" prefix.
 */
export function errnoCode(error: unknown): string | undefined {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    return /^(E[A-Z]+):/.exec(error.message)?.[1];
  }
  return typeof error === 'string' ? /^(E[A-Z]+):/.exec(error)?.[1] : undefined;
}

/** What went wrong at `path`, as a clause ("the disk is full where … is written"), or undefined for other errors. */
export function explainFsError(error: unknown, path: string): string | undefined {
  switch (errnoCode(error)) {
    case 'ENOSPC':
      return `the disk is full (no space left on the device holding ${path})`;
    case 'EDQUOT':
      return `the disk quota is used up on the device holding ${path}`;
    case 'EROFS':
      return `${path} is on a read-only file system`;
    case 'EACCES':
    case 'EPERM':
      return `this user may not write ${path}`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `a part of ${path} is a file, not a directory`;
    case 'ENOENT':
      return `a directory on the way to ${path} does not exist`;
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    default:
      return undefined;
  }
}

/** `explainFsError`, or the error's own message when its code has no explanation. */
export function describeFsError(error: unknown, path: string): string {
  return explainFsError(error, path) ?? (error instanceof Error ? error.message : String(error));
}
