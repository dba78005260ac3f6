// Words for the admin and settings screens' failures: problem types these screens meet (a
// duplicate, a self-lockout, a group still in use) first, then the console's common ones.
import { isApiError } from '../../api/client';
import { errorKey } from '../errors';

/** Catalogue key of the message for a failed admin or settings request. */
export function problemKey(error: unknown, duplicateKey = 'admin.errors.duplicate'): string {
  if (!isApiError(error)) {
    return 'errors.unexpected';
  }
  switch (error.type) {
    case '/problems/already-exists':
      return duplicateKey;
    case '/problems/self-lockout':
      return 'admin.errors.selfLockout';
    case '/problems/group-in-use':
      return 'admin.groups.inUse';
    case '/problems/precondition-failed':
      return 'admin.errors.changedElsewhere';
    case '/problems/validation':
    case '/problems/failed-precondition':
      return 'admin.errors.validation';
    default:
      return errorKey(error);
  }
}

/**
 * The server's words for one field are English ("is required"); the usual ones have a
 * catalogue key, others are shown as the server gave them.
 */
const FIELD_MESSAGES: ReadonlyArray<[RegExp, string]> = [
  [/^is required$/, 'admin.fieldErrors.required'],
  [/^must not be empty$/, 'admin.fieldErrors.required'],
  [/^is not an e-mail address$/, 'admin.fieldErrors.email'],
  [/^must have 8 to 256 characters$/, 'admin.fieldErrors.passwordLength'],
  [/^would lock you out$/, 'admin.fieldErrors.lockout'],
  [/time zone/, 'admin.fieldErrors.timeZone'],
  [/already (exists|taken|in use)/, 'admin.fieldErrors.taken'],
  [/is wrong|does not match|incorrect/, 'admin.fieldErrors.wrongPassword'],
];

export function fieldMessageKey(message: string): string | null {
  for (const [pattern, key] of FIELD_MESSAGES) {
    if (pattern.test(message)) {
      return key;
    }
  }
  return null;
}
