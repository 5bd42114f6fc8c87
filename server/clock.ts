/** The current time, injectable so that tests can move it (idle expiry, lockout windows). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
