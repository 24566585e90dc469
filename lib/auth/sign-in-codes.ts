/** Shared by the sign-in check (server) and the login form (browser). */
export const LOCKOUT_MINUTES = 15;
/** The error code the login form turns into its Chinese message. */
export const LOCKED_OUT = 'LOCKED_OUT';
