'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton() {
  // A relative address: the sign-in page of whatever host and port the user came by.
  const signOutHere = async () => {
    await signOut({ redirect: false });
    window.location.replace('/login');
  };
  return (
    <button type="button" className="link-button" onClick={() => void signOutHere()}>
      退出登录
    </button>
  );
}
