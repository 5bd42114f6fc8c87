/** The levels live in shared/ (the client's screen guard reads the same table). */
export { SESSION_LEVELS, type SessionLevel, type SessionLevelReason } from '../../shared/session-levels';
