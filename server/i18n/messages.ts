// The texts live in shared/messages/ (the service worker uses them too); the server's callers keep this path.
export { errorMessage, errorMessages, passwordRequirements, type MessageParams } from '../../shared/messages/error-messages';
