import 'next-auth/jwt';

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    /** users.session_version at sign-in; a reset since then ends the session. */
    sv?: number;
  }
}
