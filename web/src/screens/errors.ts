import type { ApiError } from '../api/client';

/** The catalogue key of the message an agent reads for a failed request. */
export function errorKey(error: ApiError): string {
  switch (error.type) {
    case '/problems/network':
      return 'errors.network';
    case '/problems/not-found':
      return 'errors.notFound';
    case '/problems/forbidden':
      return 'errors.forbidden';
    case '/problems/rate-limited':
      return 'errors.rateLimited';
    case '/problems/unavailable':
      return 'errors.unavailable';
    case '/problems/precondition-failed':
      return 'errors.changedElsewhere';
    case '/problems/invalid-transition':
      return 'errors.invalidTransition';
    case '/problems/validation':
      return 'errors.validation';
    case '/problems/payload-too-large':
      return 'errors.tooLarge';
    case '/problems/unauthenticated':
      return 'errors.signedOut';
    default:
      return 'errors.unexpected';
  }
}
